using System.ComponentModel.DataAnnotations;
using Support.Web.Email;

namespace Support.Web.Embed;

/// <summary>The prompt on the publisher's own pages (docs/embed.md, ADR 0017).</summary>
public sealed class EmbedOptions
{
    public const string Section = "Embed";

    /// <summary>
    /// Origins (scheme, host, optional port, as a browser writes <c>Origin</c>) whose pages may show the prompt with
    /// <c>/embed.js</c>: they get the prompt's JSON with a CORS header, may post the embed's forms, and Stripe may
    /// send readers back to their articles. Empty: the embed shows nothing anywhere.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// At most this many embedded pages are registered as articles an hour (<see cref="EmbeddedArticles"/>): anyone can
    /// name any path of an allowed site, so this bounds the rows a script can add; pages over it wait for a later view.
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewPagesPerHour { get; set; } = 1000;

    public bool AllowedOriginsAreOrigins => AllowedOrigins.All(SiteOptions.IsOrigin);

    public bool Allows(string? origin) =>
        !string.IsNullOrEmpty(origin) && AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    /// <summary>The page's URL when it is an http(s) page of an allowed origin; otherwise null.</summary>
    public Uri? AllowedPage(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && Allows(uri.GetLeftPart(UriPartial.Authority)) ? uri : null;
}
