namespace Support.Web.Email;

/// <summary>
/// Where readers reach this service from outside. Every absolute URL (email links, Stripe's success, cancel and
/// portal return addresses) is built from it, never from a request's Host header, which a client can set to anything.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Public base URL, e.g. <c>https://support.example.org</c> (required).</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>
    /// Other sites (origins such as <c>https://news.example.org</c>) whose pages may post Support's reader forms:
    /// the publisher's own site when it shows the prompt. Posts from any other site are refused. Empty: only
    /// Support's own pages.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Lets the <see cref="AllowedOrigins"/> show Support's pages in a frame (Content-Security-Policy frame-ancestors).
    /// Off: no site may frame them, which stops click-jacking; the embed's script needs no frame.
    /// </summary>
    public bool AllowFramingByAllowedOrigins { get; set; }

    public bool IsValid => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>Each allowed origin is scheme, host and optional port, as a browser's Origin header writes it.</summary>
    public bool AllowedOriginsAreOrigins => AllowedOrigins.All(IsOrigin);

    /// <summary>
    /// The domain Support's prompt cookie is set for, e.g. <c>example.org</c> when Support runs on
    /// <c>support.example.org</c> and the publisher on <c>news.example.org</c>: the embed's requests are then
    /// same-site and carry the cookie, so a gift or dismissal on either site holds on both. Empty: Support's host only.
    /// </summary>
    public string CookieDomain { get; set; } = "";

    /// <summary>Empty, or a parent domain of (or equal to) the host of <see cref="PublicBaseUrl"/>.</summary>
    public bool CookieDomainFitsPublicHost
    {
        get
        {
            var domain = CookieDomain.Trim().TrimStart('.');
            if (domain.Length == 0)
            {
                return true;
            }
            var host = IsValid ? new Uri(PublicBaseUrl).Host : "";
            return domain.Contains('.', StringComparison.Ordinal)
                && (string.Equals(host, domain, StringComparison.OrdinalIgnoreCase)
                    || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Scheme, host and optional port, as a browser's Origin header writes it (a trailing slash is forgiven).</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>The origin of <see cref="PublicBaseUrl"/>, or null when it is not set.</summary>
    public string? PublicOrigin => IsValid ? new Uri(PublicBaseUrl).GetLeftPart(UriPartial.Authority) : null;

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + path;
}
