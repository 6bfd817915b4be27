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
    public bool AllowedOriginsAreOrigins => AllowedOrigins.All(o =>
        Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), o.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>The origin of <see cref="PublicBaseUrl"/>, or null when it is not set.</summary>
    public string? PublicOrigin => IsValid ? new Uri(PublicBaseUrl).GetLeftPart(UriPartial.Authority) : null;

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + path;
}
