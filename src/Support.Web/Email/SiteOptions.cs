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

    public bool IsValid => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + path;
}
