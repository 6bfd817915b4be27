using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Data.Supporters;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Keeping;

/// <summary>Issue 16: when Stripe gives up collecting, one "could not collect" email whose link restarts the gift; restarts from the account.</summary>
public sealed class WinBackTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    private const string CouldNotCollect = "We could not collect your gift to The Moscow Times";

    [Fact]
    public async Task Gift_ended_unpaid_gets_one_could_not_collect_email_and_no_cancellation_email_and_its_link_restarts_the_same_amount()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "7", card: "4000 0000 0000 0341");
        var invoiceId = await app.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        // Stripe's retries, each as its next_payment_attempt comes, until it gives up and ends the subscription.
        for (var retry = 0; retry < 10 && await RetryAsync(invoiceId) == "open"; retry++)
        {
        }
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var message = await app.WaitForSubjectAsync(email, CouldNotCollect);
        foreach (var stripeEvent in app.Emulator.Events.Where(e => e.Type.StartsWith("customer.subscription.", StringComparison.Ordinal)))
        {
            await browser.PostEventAsync(stripeEvent.Payload);
        }
        var rows = await app.RunEveryJobAgainAsync(email);
        var ended = await app.WaitForContributionAsync(email, c => c.Status == ContributionStatus.Canceled);

        var restart = await KeepingSteps.OpenActionLinkAsync(browser, KeepingSteps.LinkIn(message));
        var checkout = await (await browser.GetAsync(restart.Headers.Location)).Content.ReadAsStringAsync();
        var paid = await new ReaderJourney(browser).PayAsync(restart.Headers.Location!, email, "4242 4242 4242 4242");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var gifts = await app.QueryAsync(db => db.Contributions.AsNoTracking().Where(c => c.Supporter.Email == email).ToListAsync());

        Assert.Equal(ContributionEndReason.PaymentFailed, ended.EndReason);
        Assert.Single(app.SubjectsFor(email), s => s == CouldNotCollect);
        Assert.DoesNotContain(app.SubjectsFor(email), s => s?.Contains("is cancelled", StringComparison.Ordinal) == true);
        Assert.Single(rows, d => d.Kind == EmailKind.CouldNotCollect && d.Status == EmailStatus.Sent);
        Assert.Contains("$7.00", message.TextBody);
        Assert.Equal(HttpStatusCode.SeeOther, restart.StatusCode);
        Assert.Contains("$7.00", checkout);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal(2, gifts.Count);
        Assert.Contains(gifts, g => g.Status == ContributionStatus.Active && g.AmountCents == 700);
    }

    [Fact]
    public async Task Cancelled_supporter_restarts_from_the_account_page_in_one_click_with_the_same_amount()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "9");
        await app.Emulator.CancelSubscriptionAsync(contribution.StripeSubscriptionId!);
        await app.WaitForContributionAsync(email, c => c.Status == ContributionStatus.Canceled);
        await app.SignInAsync(browser, email);

        var restart = await SubmitAsync(browser, "/account/restart", contribution.Id);
        var checkout = await (await browser.GetAsync(restart.Headers.Location)).Content.ReadAsStringAsync();
        using var other = app.CreateBrowserClient();
        var live = await app.BecomeSupporterAsync(other, NewEmail(), "5");
        await app.SignInAsync(other, live.Supporter.Email!);
        var refused = await other.PostFormAsync("/account/restart", new Dictionary<string, string>
        {
            ["contributionId"] = live.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(other),
        });

        Assert.Equal(HttpStatusCode.SeeOther, restart.StatusCode);
        Assert.Contains("/stripe-emulator/checkout/", restart.Headers.Location!.ToString());
        Assert.Contains("$9.00", checkout);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Cancelled_annual_supporter_restarts_an_annual_gift_of_the_same_amount()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "60", frequency: "year");
        await app.Emulator.CancelSubscriptionAsync(contribution.StripeSubscriptionId!);
        await app.WaitForContributionAsync(email, c => c.Status == ContributionStatus.Canceled);
        await app.SignInAsync(browser, email);

        var account = await (await browser.GetAsync("/account")).ReadHtmlAsync();
        var restart = await SubmitAsync(browser, "/account/restart", contribution.Id);
        var paid = await new ReaderJourney(browser).PayAsync(restart.Headers.Location!, email, "4242 4242 4242 4242");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var gifts = await app.QueryAsync(db => db.Contributions.AsNoTracking().Where(c => c.Supporter.Email == email).ToListAsync());

        Assert.Contains("Restart my gift of $60.00 a year", account.QuerySelector("form.restart")!.TextContent);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Contains(gifts, g => g.Status == ContributionStatus.Active && g.AmountCents == 6000 && g.Frequency == GiftFrequency.Year);
    }

    private async Task<string> RetryAsync(string invoiceId)
    {
        try
        {
            return await app.Emulator.RetryInvoicePaymentAsync(invoiceId);
        }
        catch (StripeEmulator.StripeEmulatorException)
        {
            return "no retry left";
        }
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser) =>
        (await (await browser.GetAsync("/account")).ReadHtmlAsync()).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
}
