using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Support.Web.Prompt;

/// <summary>
/// Remembers in this browser whether to show the prompt: "supporter" (never again) or "hidden until" a time.
/// Signed with Data Protection so a tampered cookie simply counts as absent.
/// </summary>
public sealed class PromptCookie(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string Name = "support_prompt";
    private const string SupporterValue = "supporter";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Support.Prompt.v1");

    public bool ShouldShow(HttpRequest request)
    {
        var value = request.Cookies.TryGetValue(Name, out var raw) ? TryUnprotect(raw) : null;
        if (value is null)
        {
            return true;
        }
        if (value == SupporterValue)
        {
            return false;
        }
        return !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            || time.GetUtcNow().ToUnixTimeSeconds() >= until;
    }

    public bool IsSupporter(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var raw) && TryUnprotect(raw) == SupporterValue;

    public void MarkSupporter(HttpResponse response) =>
        Write(response, SupporterValue, time.GetUtcNow().AddYears(1));

    public void HideUntil(HttpRequest request, HttpResponse response, DateTimeOffset until)
    {
        if (IsSupporter(request))
        {
            return;
        }
        Write(response, until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), until);
    }

    private string? TryUnprotect(string? raw)
    {
        try
        {
            return string.IsNullOrEmpty(raw) ? null : _protector.Unprotect(raw);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private void Write(HttpResponse response, string value, DateTimeOffset expires) =>
        response.Cookies.Append(Name, _protector.Protect(value), new CookieOptions
        {
            Expires = expires,
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
        });
}
