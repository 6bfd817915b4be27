using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
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
    private readonly ProtectedStates _protected = new(dataProtection.CreateProtector(Purpose), time);

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

    public void Write(HttpResponse response, PromptState state) =>
        response.Cookies.Append(Name, _protected.Protect(state.Format()), new CookieOptions
        {
            // Long enough for an experiment's life and a supporter's year; the state itself says what has expired.
            Expires = time.GetUtcNow().AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            // Site:CookieDomain: the publisher's pages on a sibling subdomain see the same state through the embed.
            Domain = string.IsNullOrWhiteSpace(site.Value.CookieDomain) ? null : site.Value.CookieDomain.Trim(),
        });

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
