using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Data.Keeping;
using Support.Data.Supporters;
using Support.Web.Keeping;
using Support.Web.Email;
using Support.Web.Shared;
using Support.Web.Stripe;
using global::Stripe;

namespace Support.Web.Account;

/// <summary>The account page and the supporter's changes to a contribution. Each change answers 303 back to /account.</summary>
public static class AccountEndpoints
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["amount"] = "Your new amount is saved. It applies from your next payment; we will confirm it by email.",
        ["cancel"] = "Your gift will stop at the end of the current period. We will confirm it by email.",
        ["resume"] = "Your gift continues. Thank you!",
        ["signedin"] = "You are signed in.",
        ["card"] = "Thank you: your card is updated. Stripe uses it for the next try and for every payment after it.",
        ["pause"] = "Your monthly gift is paused. Nothing is charged until the pause ends; we will remind you a few days before.",
        ["extend"] = "Your pause is longer now. We will remind you a few days before it ends.",
        ["unpause"] = "Your monthly gift continues from the next payment. Thank you!",
        ["offer-amount"] = "Your new, lower amount is saved. Thank you for staying with us!",
        ["offer-pause"] = "Your monthly gift is paused for a month instead. Thank you for staying with us!",
    };

    public static void MapAccountPages(this RouteGroupBuilder group)
    {
        group.MapGet("/", ShowAsync);
        var signedIn = group.MapGroup("").RequireAuthorization(SupporterSession.Policy);
        var changes = signedIn.MapGroup("").CallsStripe();
        changes.MapPost("/amount", (HttpContext http, [FromForm] AccountForm? form, AccountService accounts, ContributionActions actions, IAntiforgery af, ILogger<ContributionActions> log, CancellationToken ct) =>
            ChangeAsync(http, form ?? new(), accounts, af, log, "amount", c => actions.ChangeAmountAsync(c, form?.Amount, form?.FormToken, ct), ct));
        changes.MapPost("/cancel", CancelAsync);
        changes.MapPost("/resume", (HttpContext http, [FromForm] AccountForm? form, AccountService accounts, ContributionActions actions, IAntiforgery af, ILogger<ContributionActions> log, CancellationToken ct) =>
            ChangeAsync(http, form ?? new(), accounts, af, log, "resume", c => actions.ResumeAsync(c, form?.FormToken, ct), ct));
        changes.MapPost("/card", UpdateCardAsync);
        signedIn.MapGet("/statement", StatementAsync);
        signedIn.MapPost("/signout", async (HttpContext http, [FromForm] AccountForm? _) =>
        {
            await SupporterSession.SignOutEverywhereAsync(http);
            return Pages.Message(StatusCodes.Status200OK, "You are signed out",
                "You are signed out on every device where you were signed in. Thank you for supporting us.");
        });
    }

    /// <summary>The yearly statement as a download; a year that is not a plain number from 2000 to next year is a 400.</summary>
    private static async Task<IResult> StatementAsync(HttpContext http, [FromQuery] string? year, YearlyStatement statements, TimeProvider time, CancellationToken ct)
    {
        var thisYear = time.GetUtcNow().Year;
        if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var chosen)
            || chosen < YearlyStatement.FirstYear || chosen > thisYear)
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "Choose a year",
                $"A statement covers one calendar year, from {YearlyStatement.FirstYear} to {thisYear}, for example /account/statement?year={thisYear}.", "/account", "Back to your account");
        }
        var text = await statements.WriteAsync(SupporterSession.EmailOf(http.User)!, chosen, ct);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", $"statement-{chosen}.txt");
    }

    private static async Task<IResult> ShowAsync(HttpContext http, [FromQuery] string? done, AccountService accounts, IAntiforgery af, CancellationToken ct)
    {
        var email = await SupporterSession.EmailAsync(http);
        if (email is null)
        {
            return SignInEndpoints.Form(FormGuard.For(af, http), null, null, null, StatusCodes.Status200OK);
        }
        var view = await accounts.ViewAsync(email, FormGuard.For(af, http), ct);
        return Page(view with { Notice = done is null ? null : Notices.GetValueOrDefault(done), CardUpdated = done == "card" }, StatusCodes.Status200OK);
    }

    /// <summary>One change to a contribution of the signed-in supporter: 303 to /account?done=<paramref name="action"/>, or the page with the error.</summary>
    internal static async Task<IResult> ChangeAsync(
        HttpContext http, AccountForm form, AccountService accounts, IAntiforgery af, ILogger log,
        string action, Func<Contribution, Task<ActionOutcome>> change, CancellationToken ct)
    {
        var email = SupporterSession.EmailOf(http.User)!;
        var contribution = await accounts.FindAsync(email, form.ContributionId, ct);
        if (contribution is null)
        {
            return UnknownContribution();
        }
        ActionOutcome outcome;
        try
        {
            outcome = await change(contribution);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            log.LogError(e, "Stripe refused or failed a supporter's {Action}", action);
            return Page(await accounts.ViewAsync(email, FormGuard.For(af, http), ct) with
            {
                Error = "We could not reach our payment provider, so nothing was changed. Please try again in a moment.",
                ErrorContributionId = contribution.Id, AmountInput = form.Amount,
            }, StatusCodes.Status502BadGateway);
        }
        if (outcome.Error is { } error)
        {
            return Page(await accounts.ViewAsync(email, FormGuard.For(af, http), ct) with
            {
                Error = error, ErrorContributionId = contribution.Id, AmountInput = form.Amount,
            }, StatusCodes.Status422UnprocessableEntity);
        }
        return new SeeOther($"/account?done={action}");
    }

    /// <summary>Cancel at period end; the save offer shown before it (if any) is recorded as refused.</summary>
    private static Task<IResult> CancelAsync(
        HttpContext http, [FromForm] AccountForm? form, AccountService accounts, ContributionActions actions, SaveOffers offers,
        IAntiforgery af, ILogger<ContributionActions> log, CancellationToken ct) =>
        ChangeAsync(http, form ?? new(), accounts, af, log, "cancel", async c =>
        {
            var outcome = await actions.CancelAsync(c, form?.Reason, form?.FormToken, ct);
            if (outcome.Error is null)
            {
                await offers.DecideAsync(c, form?.OfferId, SaveOfferOutcome.Cancelled, ct);
            }
            return outcome;
        }, ct);

    private static async Task<IResult> UpdateCardAsync(
        HttpContext http, [FromForm] AccountForm? form, AccountService accounts, ContributionActions actions,
        IOptions<SiteOptions> site, ILogger<ContributionActions> log, CancellationToken ct)
    {
        var contribution = await accounts.FindAsync(SupporterSession.EmailOf(http.User)!, form?.ContributionId, ct);
        if (contribution is null)
        {
            return UnknownContribution();
        }
        try
        {
            var returnUrl = new Uri(site.Value.Link("/account"));
            return new SeeOther((await actions.PortalAsync(contribution, returnUrl, ct)).ToString());
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            log.LogError(e, "Could not open a billing portal session");
            return Pages.Message(StatusCodes.Status502BadGateway, "We could not open the card page",
                "Our payment provider did not answer. Nothing was changed; please try again in a moment.", "/account", "Back to your account");
        }
    }

    internal static RazorComponentResult<AccountPage> Page(AccountView view, int statusCode) =>
        new(new { View = view with { AmountInput = Echo.Shortened(view.AmountInput) } }) { StatusCode = statusCode };

    internal static RazorComponentResult<MessagePage> UnknownContribution() =>
        Pages.Message(StatusCodes.Status404NotFound, "We could not find that contribution",
            "It may have been removed, or it belongs to another account.", "/account", "Back to your account");
}
