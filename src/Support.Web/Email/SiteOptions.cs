namespace Support.Web.Email;

/// <summary>
/// Where readers reach this service from outside. Emails are built by background jobs that have no request to
/// read the host from, so their links use this address.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Public base URL, e.g. <c>https://support.example.org</c> (required outside Testing).</summary>
    public string PublicBaseUrl { get; set; } = "";

    public bool IsValid => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + path;
}
