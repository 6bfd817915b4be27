using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Data.Keeping;
using Support.Web.Account;
using Support.Web.Email;
using Support.Web.Shared;
using Support.Web.Stripe;
using StripeException = global::Stripe.StripeException;

namespace Support.Web.Keeping;

/// <summary>The signed-in supporter's keeping actions: card update, pause, resume, extend, the save offer, restart.</summary>
public static class KeepingActionEndpoints
{
    public static void MapKeepingActions(this RouteGroupBuilder account)
    {
        var signedIn = account.MapGroup("").RequireAuthorization(SupporterSession.Policy);
        signedIn.MapGet("/leave", ShowOfferAsync);
        var changes = signedIn.MapGroup("").CallsStripe();
        changes.MapPost("/update-card", UpdateCardAsync);
        changes.MapPost("/restart", RestartAsync);
        changes.MapPost("/pause", (HttpContext http, [FromForm] AccountForm? form, AccountService accounts, PauseActions pauses, IAntiforgery af, ILogger<PauseActions> log, CancellationToken ct) =>
            AccountEndpoints.ChangeAsync(http, form ?? new(), accounts, af, log, "pause", c => pauses.PauseAsync(c, form?.Months, form?.FormToken, ct), ct));
        changes.MapPost("/pause/extend", (HttpContext http, [FromForm] AccountForm? form, AccountService accounts, PauseActions pauses, IAntiforgery af, ILogger<PauseActions> log, CancellationToken ct) =>
            AccountEndpoints.ChangeAsync(http, form ?? new(), accounts, af, log, "extend", c => pauses.ExtendAsync(c, form?.Months, form?.FormToken, ct), ct));
        changes.MapPost("/pause/end", (HttpContext http, [FromForm] AccountForm? form, AccountService accounts, PauseActions pauses, IAntiforgery af, ILogger<PauseActions> log, CancellationToken ct) =>
            AccountEndpoints.ChangeAsync(http, form ?? new(), accounts, af, log, "unpause", c => pauses.ResumeNowAsync(c, form?.FormToken, ct), ct));
        changes.MapPost("/offer/accept", AcceptOfferAsync);
    }

    /// <summary>Before cancelling: one offer, and the cancel form beside it (always visible, one more click).</summary>
    private static async Task<IResult> ShowOfferAsync(
        HttpContext http, [FromQuery] long? contributionId, AccountService accounts, SaveOffers offers, IAntiforgery af, CancellationToken ct)
    {
        var email = SupporterSession.EmailOf(http.User)!;
        var contribution = await accounts.FindAsync(email, contributionId, ct);
        if (contribution is null)
        {
            return AccountEndpoints.UnknownContribution();
        }
        if (!contribution.IsLive || contribution.CancelAtPeriodEnd)
        {
            return new SeeOther("/account");
        }
        var offer = await offers.ShowAsync(contribution, ct);
        return new RazorComponentResult<SaveOfferPage>(new
        {
            Contribution = contribution, Offer = offer, Guard = FormGuard.For(af, http), FormToken = AccountService.NewFormToken(),
        });
    }

    private static async Task<IResult> AcceptOfferAsync(
        HttpContext http, [FromForm] AccountForm? form, AccountService accounts, SaveOffers offers, ContributionActions actions,
        PauseActions pauses, IAntiforgery af, CancellationToken ct)
    {
        // Eight parameters at most: a form-bound handler with more trips a RequestDelegateFactory bug.
        var log = http.RequestServices.GetRequiredService<ILogger<SaveOffers>>();
        var email = SupporterSession.EmailOf(http.User)!;
        var contribution = await accounts.FindAsync(email, form?.ContributionId, ct);
        var offer = contribution is null ? null : await offers.FindOpenAsync(contribution, form?.OfferId, ct);
        if (contribution is null || offer is null)
        {
            return Pages.Message(StatusCodes.Status404NotFound, "This offer is no longer open",
                "You may have already chosen, in another tab. Nothing was changed.", "/account", "Back to your account");
        }
        var action = offer.Kind == SaveOfferKind.LowerAmount ? "offer-amount" : "offer-pause";
        return await AccountEndpoints.ChangeAsync(http, form!, accounts, af, log, action, async c =>
        {
            var outcome = offer.Kind == SaveOfferKind.LowerAmount
                ? await actions.ChangeAmountAsync(c, Money.ToInput(offer.SuggestedAmountCents), form!.FormToken, ct)
                : await pauses.PauseAsync(c, 1, form!.FormToken, ct);
            if (outcome.Error is null)
            {
                await offers.DecideAsync(c, offer.Id, SaveOfferOutcome.Accepted, ct);
            }
            return outcome;
        }, ct);
    }

    /// <summary>The past-due notice's button: Stripe's portal opened on its card form, back to the account when saved.</summary>
    private static async Task<IResult> UpdateCardAsync(
        HttpContext http, [FromForm] AccountForm? form, AccountService accounts, IStripeGateway stripe, IOptions<SiteOptions> site,
        ILogger<PauseActions> log, CancellationToken ct)
    {
        var contribution = await accounts.FindAsync(SupporterSession.EmailOf(http.User)!, form?.ContributionId, ct);
        if (contribution is null)
        {
            return AccountEndpoints.UnknownContribution();
        }
        try
        {
            var url = await stripe.CreateCardUpdateSessionAsync(contribution.Supporter.StripeCustomerId, new Uri(site.Value.Link("/account?done=card")),
                $"card-{contribution.Supporter.StripeCustomerId}-{AccountService.NewFormToken()}", ct);
            return new SeeOther(url.ToString());
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            log.LogError(e, "Could not open the card update");
            return Pages.Message(StatusCodes.Status502BadGateway, "We could not open the card page",
                "Our payment provider did not answer. Nothing was changed; please try again in a moment.", "/account", "Back to your account");
        }
    }

    /// <summary>Win-back in one click: a new Checkout for the ended gift's amount.</summary>
    private static async Task<IResult> RestartAsync(
        HttpContext http, [FromForm] AccountForm? form, AccountService accounts, RestartCheckout restart, ILogger<RestartCheckout> log, CancellationToken ct)
    {
        var email = SupporterSession.EmailOf(http.User)!;
        var contribution = await accounts.FindAsync(email, form?.ContributionId, ct);
        if (contribution is null)
        {
            return AccountEndpoints.UnknownContribution();
        }
        if (!RestartCheckout.CanRestart(contribution))
        {
            return Pages.Message(StatusCodes.Status409Conflict, "This gift is still running",
                "Only a gift that has ended can be restarted. You can change its amount or pause it from your account.", "/account", "Back to your account");
        }
        try
        {
            return new SeeOther((await restart.StartAsync(contribution, email, form?.FormToken ?? AccountService.NewFormToken(), ct)).ToString());
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            log.LogError(e, "Could not open a restart checkout");
            return Pages.Message(StatusCodes.Status502BadGateway, "We could not reach our payment provider",
                "Nothing was changed; please try again in a moment.", "/account", "Back to your account");
        }
    }
}
