namespace Support.Web.Shared;

/// <summary>
/// Return addresses taken from forms and links (findings 1 and 14 of the hardening review): a path on this site,
/// in characters a Location header carries as they are. IsLocalUrl's rule (one leading '/', never "//" or "/\"),
/// and printable ASCII only: browsers drop tabs and line breaks (so "/\t/evil.example" reads as "//evil.example"),
/// and anything else cannot be written into a header.
/// </summary>
public static class LocalUrl
{
    /// <summary>Longer return addresses are not ours; they would only make the Location header large.</summary>
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && url.AsSpan().IndexOfAnyExceptInRange('!', '~') < 0
        && !url.Contains('\\');

    /// <summary><paramref name="url"/> when it is local (and under <paramref name="under"/>, if given); otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback, string under = "/") =>
        IsLocal(url) && url!.StartsWith(under, StringComparison.Ordinal) ? url : fallback;
}
