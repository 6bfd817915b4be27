using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Support.Web.Email;

namespace Support.Web.Prompt;

/// <summary>
/// Keeps this browser's <see cref="PromptState"/> (supporter, dismissals, recent impressions, experiment variants).
/// Signed with Data Protection so a tampered cookie simply counts as absent.
/// </summary>
public sealed class PromptCookie(
    IDataProtectionProvider dataProtection, TimeProvider time, IOptions<PromptFatigueOptions> rules, IOptions<SiteOptions> site)
{
    public const string Name = "support_prompt";
    private const string Purpose = "Support.Prompt.v1";
    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);
    private readonly PromptCookieHeaders _headers = new(dataProtection.CreateProtector(Purpose), time,
        string.IsNullOrWhiteSpace(site.Value.CookieDomain) ? null : site.Value.CookieDomain.Trim());

    public PromptState Read(HttpRequest request) =>
        PromptState.Parse(request.Cookies.TryGetValue(Name, out var raw) ? TryUnprotect(raw) : null);

    public bool IsSupporter(HttpRequest request) => Read(request).Supporter;

    /// <summary>Signed in as a supporter, or back from a recurring gift's checkout.</summary>
    public void MarkSupporter(HttpResponse response) => MarkGave(response, recurring: true);

    public void MarkGave(HttpResponse response, bool recurring) =>
        Write(response, PromptDecisions.Gave(Read(response.HttpContext.Request), time.GetUtcNow(), rules.Value, recurring));

    public void Close(HttpRequest request, HttpResponse response) =>
        Write(response, PromptDecisions.Closed(Read(request), time.GetUtcNow(), rules.Value));

    /// <summary>"Remind me later": hidden until the chosen time.</summary>
    public void HideUntil(HttpRequest request, HttpResponse response, DateTimeOffset until) =>
        Write(response, PromptDecisions.Later(Read(request), until));

    /// <summary>Through the headers, not <c>Response.Cookies</c>: the header itself is reused (PromptCookieHeaders).</summary>
    public void Write(HttpResponse response, PromptState state) =>
        response.Headers.Append(HeaderNames.SetCookie, _headers.Get(state.Format(), response.HttpContext.Request.IsHttps));

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
}
