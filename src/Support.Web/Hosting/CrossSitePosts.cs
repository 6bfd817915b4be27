using Microsoft.Extensions.Options;
using Support.Web.Email;
using Support.Web.Embed;
using Support.Web.Shared;

namespace Support.Web.Hosting;

/// <summary>Marks an endpoint that other sites' servers post to by design (Stripe's webhook, mail clients' one-click unsubscribe).</summary>
public sealed class AllowCrossSitePostsMetadata
{
    public static readonly AllowCrossSitePostsMetadata Instance = new();
}

/// <summary>
/// Refuses a browser's POST (or other unsafe method) sent from another site's page, before routing runs any
/// handler: the reader forms carry no antiforgery token (ADR 0011), so this is what stops a page elsewhere from
/// making its visitors open Checkout Sessions or sign up reminders. Allowed: this site's own origin (the request's,
/// or <c>Site:PublicBaseUrl</c>'s), <c>Site:AllowedOrigins</c> and <c>Embed:AllowedOrigins</c>. Requests without an Origin header come from
/// non-browser clients, which carry no reader's cookies; they are limited by the rate limits instead.
/// </summary>
public sealed class CrossSitePostGuard(RequestDelegate next, IOptions<SiteOptions> site, IOptions<EmbedOptions> embed)
{
    // The embed's origins post its checkout and dismissal (ADR 0017): one guard, one list of who may post.
    private readonly HashSet<string> _allowed = new(
        site.Value.AllowedOrigins.Concat(embed.Value.AllowedOrigins).Select(o => o.TrimEnd('/')).Append(site.Value.PublicOrigin).OfType<string>(),
        StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<AllowCrossSitePostsMetadata>() is not null
            || IsAllowed(request))
        {
            return next(context);
        }
        return Pages.Message(StatusCodes.Status403Forbidden, "This form was sent from another site",
            "For your safety we only accept this form from our own pages. Open the page on our site and send it from there; nothing was changed.")
            .ExecuteAsync(context);
    }

    private bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            // Browsers send Origin with every POST; one that only says "cross-site" is refused too.
            return !string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase) || _allowed.Contains(origin);
    }
}

public static class CrossSitePostExtensions
{
    public static IApplicationBuilder UseCrossSitePostGuard(this IApplicationBuilder app) => app.UseMiddleware<CrossSitePostGuard>();

    public static TBuilder AllowCrossSitePosts<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AllowCrossSitePostsMetadata.Instance);
}
