using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Account;
using Support.Data.Supporters;
using Support.Web.Account;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Shared;
using Support.Web.Stripe;
using global::Stripe;

namespace Support.Web.Keeping;

/// <summary>
/// The one-click links of dunning emails (ADR 0014): <c>/account/card/{token}</c> signs in and opens Stripe's card
/// update, <c>/account/restart/{token}</c> signs in and opens a new Checkout. A GET only shows the page, whose button
/// (pressed by a small script in a browser) posts; the POST uses the link up, so a mail scanner following links cannot.
/// The POSTs bind no form: the group's antiforgery check reads it (and a form-bound handler with this many parameters
/// trips a RequestDelegateFactory bug).
/// </summary>
public static class ActionLinkEndpoints
{
    public static void MapActionLinks(this RouteGroupBuilder group)
    {
        group.MapGet("/card/{token}", (string token, HttpContext http, SignInLinks links, IAntiforgery af, CancellationToken ct) =>
            ShowAsync(token, LinkPurpose.CardUpdate, http, links, af, ct));
        group.MapPost("/card/{token}", UpdateCardAsync).CallsStripe();
        group.MapGet("/restart/{token}", (string token, HttpContext http, SignInLinks links, IAntiforgery af, CancellationToken ct) =>
            ShowAsync(token, LinkPurpose.Restart, http, links, af, ct));
        group.MapPost("/restart/{token}", RestartAsync).CallsStripe();
    }

    private static async Task<IResult> ShowAsync(string token, LinkPurpose purpose, HttpContext http, SignInLinks links, IAntiforgery af, CancellationToken ct) =>
        await links.CheckAsync(token, ct, purpose) == LinkState.Valid
            ? new RazorComponentResult<ActionLinkPage>(new { Token = token, Purpose = purpose, Guard = FormGuard.For(af, http) })
            : LinkProblem(http, af);

    private static async Task<IResult> UpdateCardAsync(
        string token, HttpContext http, SignInLinks links, SupportDbContext db, IStripeGateway stripe,
        PromptCookie prompt, IAntiforgery af, IOptions<SiteOptions> site, ILogger<ActionLinkPage> log, CancellationToken ct)
    {
        if (await SignInWithAsync(token, LinkPurpose.CardUpdate, http, links, db, prompt, ct) is not { } contribution)
        {
            return LinkProblem(http, af);
        }
        try
        {
            var returnUrl = new Uri(site.Value.Link("/account?done=card"));
            return new SeeOther((await stripe.CreateCardUpdateSessionAsync(contribution.Supporter.StripeCustomerId, returnUrl,
                "card-link-" + SignInLinks.Hash(token)[..40], ct)).ToString());
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            log.LogError(e, "Could not open the card update from an emailed link");
            return StripeDown();
        }
    }

    private static async Task<IResult> RestartAsync(
        string token, HttpContext http, SignInLinks links, SupportDbContext db, RestartCheckout restart,
        PromptCookie prompt, IAntiforgery af, ILogger<ActionLinkPage> log, CancellationToken ct)
    {
        if (await SignInWithAsync(token, LinkPurpose.Restart, http, links, db, prompt, ct) is not { } contribution)
        {
            return LinkProblem(http, af);
        }
        if (!RestartCheckout.CanRestart(contribution))
        {
            return new SeeOther("/account");
        }
        try
        {
            return new SeeOther((await restart.StartAsync(contribution, contribution.Supporter.Email!, SignInLinks.Hash(token), ct)).ToString());
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            log.LogError(e, "Could not open a restart checkout from an emailed link");
            return StripeDown();
        }
    }

    /// <summary>Uses the link, signs in as its email, and finds its contribution (still that email's, not erased).</summary>
    private static async Task<Contribution?> SignInWithAsync(
        string token, LinkPurpose purpose, HttpContext http, SignInLinks links, SupportDbContext db, PromptCookie prompt, CancellationToken ct)
    {
        if (await links.ConsumeAsync(token, purpose, ct) is not { SubscriptionId: { } subscriptionId } used)
        {
            return null;
        }
        var contribution = await db.Contributions.Include(c => c.Supporter).SingleOrDefaultAsync(c =>
            c.StripeSubscriptionId == subscriptionId && c.Supporter.Email == used.Email && c.Supporter.ErasedAt == null, ct);
        if (contribution is null)
        {
            return null;
        }
        await SupporterSession.SignInAsync(http, used.Email);
        prompt.MarkSupporter(http.Response);
        return contribution;
    }

    /// <summary>410 Gone: used, expired or unknown; the sign-in form offers an ordinary link instead.</summary>
    private static IResult LinkProblem(HttpContext http, IAntiforgery af) =>
        SignInEndpoints.Form(FormGuard.For(af, http), null, null,
            "This link has expired or has already been used: each works once, for a limited time. "
            + "Enter your email for a sign-in link, then update your card or restart from your account.",
            StatusCodes.Status410Gone);

    private static IResult StripeDown() => Pages.Message(StatusCodes.Status502BadGateway, "We could not reach our payment provider",
        "You are signed in, and nothing was changed. Please try again from your account in a moment.", "/account", "Go to your account");
}
