using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Support.Data.Supporters;
using Microsoft.Extensions.Options;
using Support.Web.Articles;
using Support.Web.Embed;
using Support.Web.Experiments;
using Support.Web.Hosting;
using Support.Web.Prompt;
using Support.Web.Shared;
using Support.Web.Stripe;
using global::Stripe;

namespace Support.Web.Checkout;

public static class CheckoutEndpoints
{
    public static WebApplicationBuilder AddCheckout(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StripeProductStore>();
        builder.Services.AddScoped<CheckoutService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCheckout(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/support");
        group.MapGet("/", (PromptFactory prompts) =>
            new RazorComponentResult<SupportPage>(new { Prompt = prompts.Create("", "/support") }));
        // Anonymous readers, no state of theirs to abuse: no antiforgery (docs/decisions/0003-…).
        group.MapPost("/checkout", StartCheckoutAsync).DisableAntiforgery().CallsStripe();
        group.MapGet("/thanks", ThanksAsync).CallsStripe();
        return app;
    }

    /// <summary>
    /// The hidden field alone could name any variant: on Support's own pages one is credited only when this browser's
    /// signed prompt state was assigned it. An embedded prompt keeps its state in the publisher page's token (ADR 0017),
    /// so its posted variant stands.
    /// </summary>
    private static VariantCopy? Credited(VariantCopy? posted, PromptState? state) =>
        posted is null || state is null || state.VariantFor(posted.ExperimentId) == posted.Id ? posted : null;

    private static async Task<IResult> StartCheckoutAsync(
        [FromForm] CheckoutForm? posted,
        ArticleCatalog catalog,
        CheckoutService checkout,
        PromptFactory prompts,
        PromptCounter promptCounter,
        ExperimentRegistry experiments,
        ExperimentCounter variantCounter,
        IOptions<EmbedOptions> embed,
        SupportMetrics metrics,
        PromptCookie promptCookie,
        HttpRequest request,
        ILogger<CheckoutService> logger,
        CancellationToken ct)
    {
        var form = posted ?? new();
        var article = string.IsNullOrWhiteSpace(form.Article) ? null : catalog.Find(form.Article.Trim());
        // From the embed: the publisher's page names the gift and is where Stripe sends the reader back.
        var embedded = embed.Value.AllowedPage(form.ReturnTo);
        var slug = embedded is not null ? EmbedPages.Key(embedded) : article?.Slug ?? "";
        var variant = Credited(experiments.RunningVariant(form.Variant), embedded is null ? promptCookie.Read(request) : null);
        try
        {
            var result = await checkout.StartAsync(form, slug, variant, embedded, ct);
            if (result.RedirectTo is { } url)
            {
                promptCounter.CheckoutStarted(slug);
                if (variant is not null)
                {
                    variantCounter.CheckoutStarted(variant.Id);
                }
                metrics.CheckoutStarted();
                return new SeeOther(url.ToString());
            }
            return Rerender(form, article, variant, prompts, result.Error!, StatusCodes.Status422UnprocessableEntity);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            logger.LogError(e, "Could not create a Stripe Checkout Session");
            return Rerender(form, article, variant, prompts,
                "We could not reach our payment provider. Nothing was charged; please try again in a moment.",
                StatusCodes.Status502BadGateway);
        }
    }

    private static IResult Rerender(
        CheckoutForm form, ArticleContent? article, VariantCopy? variant, PromptFactory prompts, string error, int statusCode)
    {
        var returnUrl = article is null ? "/support" : $"/articles/{article.Slug}";
        var frequency = GiftFrequencies.Parse(form.Frequency) ?? GiftFrequency.Month;
        // A preset button is chosen again as a button (or the frequency's default, when it was another frequency's).
        var preset = form.IsPreset ? PresetCents(prompts.Options.For(frequency), form.ChosenAmount) : null;
        var prompt = prompts.Create(article?.Slug ?? "", returnUrl) with
        {
            Frequency = frequency,
            SelectedAmountCents = preset,
            CustomAmount = form.IsPreset && IsAnyPreset(prompts.Options, form.ChosenAmount) ? null : Echo.Shortened(form.ChosenAmount),
            Email = Echo.Shortened(form.Email),
            Error = error,
            Copy = variant,
            VariantId = variant?.Id,
        };
        return article is null
            ? new RazorComponentResult<SupportPage>(new { Prompt = prompt }) { StatusCode = statusCode }
            : new RazorComponentResult<ArticlePage>(new { Article = article, Prompt = prompt }) { StatusCode = statusCode };
    }

    private static long? PresetCents(GiftLimits limits, string? posted) =>
        limits.Presets.Cast<long?>().FirstOrDefault(cents => Money.ToInput(cents!.Value) == posted?.Trim());

    private static bool IsAnyPreset(PromptOptions options, string? posted) =>
        GiftFrequencies.All.Any(f => PresetCents(options.For(f), posted) is not null);

    private static async Task<IResult> ThanksAsync(
        [FromQuery(Name = "session_id")] string? sessionId,
        HttpRequest request,
        HttpResponse response,
        IStripeGateway stripe,
        PromptCookie cookie,
        PromptFactory prompts,
        TimeProvider time,
        ILogger<CheckoutService> logger,
        CancellationToken ct)
    {
        if (!IsCheckoutSessionId(sessionId))
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "This link is incomplete",
                "The thank-you link needs the payment session it belongs to. If you have just paid, your receipt email has the details.");
        }
        CheckoutSessionSnapshot? session;
        try
        {
            session = await stripe.GetCheckoutSessionAsync(sessionId, ct);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            logger.LogError(e, "Could not read a Stripe Checkout Session for the thank-you page");
            return Pages.Message(StatusCodes.Status502BadGateway, "We could not confirm your payment just now",
                "Our payment provider did not answer. If you paid, your gift is safe and your receipt email will follow; "
                + "reload this page in a moment to see it confirmed here.", "/support", "Back to the support page");
        }
        if (session is null)
        {
            return Pages.NotFound("We could not find that payment", "The payment session in this link is unknown. Nothing was charged through it.");
        }
        if (!session.IsComplete)
        {
            return Pages.Message(StatusCodes.Status200OK, "Your payment is not complete",
                "The checkout was not finished, so nothing was charged. You can try again whenever you like.", "/support", "Support us");
        }
        // A subscription: never asked again here; a one-time gift: quiet for PromptFatigue:OneTimeGiftQuietFor.
        cookie.MarkGave(response, recurring: session.SubscriptionId is not null);
        return new RazorComponentResult<ThanksPage>(new
        {
            session.AmountCents,
            session.Currency,
            session.Email,
            session.Frequency,
            ArticleSlug = session.ArticleSlug ?? "",
            FormToken = PromptFactory.NewFormToken(),
            ReturnUrl = string.IsNullOrEmpty(session.ArticleSlug) ? "/" : $"/articles/{session.ArticleSlug}",
        });
    }

    /// <summary>Stripe's Checkout Session ids: "cs_" and letters, digits, underscores. Anything else is not worth a call.</summary>
    private static bool IsCheckoutSessionId([NotNullWhen(true)] string? id) =>
        id is { Length: > 3 and <= 255 } && id.StartsWith("cs_", StringComparison.Ordinal)
        && id.AsSpan().IndexOfAnyExcept(SessionIdCharacters) < 0;

    private static readonly SearchValues<char> SessionIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
}
