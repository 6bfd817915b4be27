using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Web.Experiments;
using Support.Web.Prompt;
using Support.Web.Stripe;
using global::Stripe;

namespace Support.Web.Embed;

/// <summary>
/// The prompt on the publisher's own pages (ADR 0017): <c>/embed.js</c>, the prompt's JSON, the dismissal and the
/// way back from Stripe Checkout to the publisher's article. CORS answers only <c>Embed:AllowedOrigins</c>; their
/// posts pass the same Origin guard as every form (ADR 0011).
/// </summary>
public static class EmbedEndpoints
{
    public const string CorsPolicy = "embed";

    public static WebApplicationBuilder AddEmbed(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbedOptions>().BindConfiguration(EmbedOptions.Section)
            .Validate(o => o.AllowedOriginsAreOrigins,
                "Each Embed:AllowedOrigins entry must be an origin: scheme, host and optional port, e.g. https://news.example.org (no path).")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<EmbedTokens>();
        builder.Services.AddSingleton<EmbeddedArticles>();
        builder.Services.AddSingleton<EmbedScript>();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<EmbedOptions>>((cors, embed) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. embed.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))])
                // Credentials: with Site:CookieDomain the publisher's pages are same-site and the cookie may come along.
                .AllowCredentials()
                .WithMethods("GET", "POST")
                .WithHeaders("Content-Type")));
        return builder;
    }

    public static IEndpointRouteBuilder MapEmbed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/embed.js", (HttpContext http, EmbedScript script) => script.Serve(http, immutable: false));
        app.MapGet("/embed/{hash}.js", (string hash, HttpContext http, EmbedScript script) =>
            hash == script.Hash ? script.Serve(http, immutable: true) : Results.Redirect("/embed.js"));
        var group = app.MapGroup("/embed").RequireCors(CorsPolicy);
        group.MapGet("/prompt", PromptAsync);
        // Posted from the publisher's page; the Origin guard lets only Embed:AllowedOrigins through (ADR 0011).
        group.MapPost("/dismiss", Dismiss).DisableAntiforgery();
        group.MapEmbedReminders();
        group.MapGet("/return", ReturnAsync).CallsStripe();
        return app;
    }

    private static async Task<IResult> PromptAsync(
        HttpContext http,
        [FromQuery] string? url,
        [FromQuery] string? state,
        [FromQuery] string? gave,
        [FromQuery] string? placement,
        [FromQuery] string? title,
        IOptions<EmbedOptions> embed,
        EmbeddedArticles articles,
        IOptions<PromptFatigueOptions> rules,
        EmbedTokens tokens,
        PromptCookie cookie,
        PromptGate gate,
        PromptFactory prompts,
        TimeProvider time,
        CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (AllowedPage(http, embed.Value, url) is not { } page)
        {
            return NotAllowed(http, embed.Value);
        }
        // An allowed site's page unknown so far becomes an article (its origin and title), so staff can choose it.
        await articles.SeenAsync(page, title, ct);
        var current = EmbedTokens.Merge(tokens.Read(state), cookie.Read(http.Request));
        var receipt = tokens.ReadReceipt(gave);
        if (receipt is { } recurring)
        {
            current = PromptDecisions.Gave(current, time.GetUtcNow(), rules.Value, recurring);
        }
        var slug = EmbedPages.Key(page);
        var (view, decision) = gate.ForState(current, slug);
        if (decision.Changed || receipt is not null)
        {
            cookie.Write(http.Response, decision.State);
        }
        var html = view.Show switch
        {
            PromptShow.Full => await EmbedRenderer.PromptAsync(http.RequestServices, prompts.Create(slug, page.ToString()) with
            {
                Placement = placement == "inline" ? PromptPlacement.Inline : PromptPlacement.Banner,
                Copy = view.Copy,
                VariantId = view.VariantId,
            }),
            PromptShow.Quiet => await EmbedRenderer.QuietAsync(http.RequestServices),
            _ => null,
        };
        return Results.Json(new EmbedPrompt(view.Show.ToString().ToLowerInvariant(), html, tokens.Protect(decision.State), view.VariantId));
    }

    private static IResult Dismiss(
        HttpContext http,
        [FromForm] string? state,
        [FromForm] string? variant,
        IOptions<PromptFatigueOptions> rules,
        EmbedTokens tokens,
        PromptCookie cookie,
        ExperimentRegistry experiments,
        ExperimentCounter counter,
        TimeProvider time)
    {
        var current = EmbedTokens.Merge(tokens.Read(state), cookie.Read(http.Request));
        var closed = PromptDecisions.Closed(current, time.GetUtcNow(), rules.Value);
        cookie.Write(http.Response, closed);
        if (experiments.RunningVariant(variant) is { } shown)
        {
            counter.Dismissed(shown.Id);
        }
        return Results.Json(new EmbedPrompt("none", null, tokens.Protect(closed), null));
    }

    /// <summary>Stripe's success URL for a gift from the embed: confirm it, then back to the article with a receipt.</summary>
    private static async Task<IResult> ReturnAsync(
        [FromQuery(Name = "session_id")] string? sessionId,
        [FromQuery] string? to,
        HttpResponse response,
        IOptions<EmbedOptions> embed,
        IStripeGateway stripe,
        EmbedTokens tokens,
        PromptCookie cookie,
        ILogger<EmbedTokens> logger,
        CancellationToken ct)
    {
        if (embed.Value.AllowedPage(EmbedPages.Decode(to)) is not { } page)
        {
            return Refuse(StatusCodes.Status400BadRequest, "This return link does not lead to one of the publisher's pages.");
        }
        var thanks = "/support/thanks?session_id=" + Uri.EscapeDataString(sessionId ?? "");
        CheckoutSessionSnapshot? session;
        try
        {
            session = string.IsNullOrEmpty(sessionId) ? null : await stripe.GetCheckoutSessionAsync(sessionId, ct);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            // The thank-you page says what happened and can be reloaded; the gift is safe either way.
            logger.LogError(e, "Could not read a Stripe Checkout Session on the way back to the publisher's page");
            return Results.Redirect(thanks);
        }
        if (session is null)
        {
            return Results.Redirect(thanks);
        }
        if (!session.IsComplete)
        {
            return Results.Redirect(page.ToString());
        }
        var recurring = session.SubscriptionId is not null;
        cookie.MarkGave(response, recurring);
        var article = page.GetLeftPart(UriPartial.Query);
        return Results.Redirect($"{article}#support-gave={tokens.Receipt(recurring)}");
    }

    /// <summary>The page the embed's request is for: an allowed site's, asked from that site or by a non-browser client.</summary>
    internal static Uri? AllowedPage(HttpContext http, EmbedOptions embed, string? url)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length > 0 && !embed.Allows(origin) ? null : embed.AllowedPage(url);
    }

    /// <summary>Why <see cref="AllowedPage"/> found none: the asking site (403) or the page's address (400).</summary>
    internal static IResult NotAllowed(HttpContext http, EmbedOptions embed)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length > 0 && !embed.Allows(origin)
            ? Refuse(StatusCodes.Status403Forbidden, "This site is not one of the publisher's sites allowed to show the prompt.")
            : Refuse(StatusCodes.Status400BadRequest, "Give the page's address as url: an http(s) page of one of the publisher's allowed sites.");
    }

    internal static IResult Refuse(int status, string message) => Results.Json(new EmbedError(message), statusCode: status);
}

/// <summary>The prompt's JSON: what to show ("full", "quiet", "none"), its markup, and the state to keep.</summary>
public sealed record EmbedPrompt(string Show, string? Html, string State, long? Variant);

public sealed record EmbedError(string Error);
