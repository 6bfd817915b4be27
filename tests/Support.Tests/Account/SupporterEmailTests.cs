using Support.Data.Email;
using System.Net;
using Support.Tests.Infrastructure;
using Support.Tests.Keeping;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

/// <summary>Supporter emails follow Stripe's events once each; the clock is the test's, so a held email goes when the test lets its hold pass.</summary>
public sealed class SupporterEmailTests(ClockedAccountApp app) : IClassFixture<ClockedAccountApp>
{
    private const string ThankYou = "Thank you for supporting The Moscow Times";
    private const string AmountChanged = "Your monthly gift to The Moscow Times is now $7.00";
    private const string Cancelled = "Your monthly gift to The Moscow Times is cancelled";
    private const string Receipt = "Your receipt from The Moscow Times: $5.00";
    private const string PaymentFailed = "Your payment to The Moscow Times did not go through";

    [Fact]
    public async Task Thank_you_amount_changed_and_cancellation_emails_are_each_sent_once_even_when_every_event_arrives_twice()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5");
        await app.SignInAsync(browser, email);
        await SubmitAsync(browser, "/account/amount", contribution.Id, new Dictionary<string, string> { ["amount"] = "7" });
        await SubmitAsync(browser, "/account/cancel", contribution.Id, pageUrl: $"/account/leave?contributionId={contribution.Id}");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        await app.WaitForSubjectAsync(email, ThankYou);
        await app.WaitForSubjectAsync(email, AmountChanged);
        var cancelled = await app.WaitForSubjectAsync(email, Cancelled);

        foreach (var stripeEvent in app.Emulator.Events)
        {
            var again = await browser.PostEventAsync(stripeEvent.Payload);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        var rows = await app.RunEveryJobAgainAsync(email);

        Assert.All(rows, d => Assert.Equal(EmailStatus.Sent, d.Status));
        Assert.Equal(new[] { ThankYou, Cancelled, AmountChanged, Receipt }, app.SubjectsFor(email).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains($"{app.PublicBaseUrl}/account", cancelled.TextBody);
        Assert.Contains($"href=\"{app.PublicBaseUrl}/account\"", cancelled.HtmlBody);
    }

    [Fact]
    public async Task Payment_failed_email_links_to_the_account_and_is_sent_once()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5", card: "4000 0000 0000 0341");

        await app.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        await app.PassPaymentFailedHoldAsync(email);
        var failed = await app.WaitForSubjectAsync(email, PaymentFailed);
        foreach (var stripeEvent in app.Emulator.Events.Where(e => e.Type == "invoice.payment_failed"))
        {
            await browser.PostEventAsync(stripeEvent.Payload);
        }
        var rows = await app.RunEveryJobAgainAsync(email);

        Assert.All(rows, d => Assert.Equal(EmailStatus.Sent, d.Status));
        Assert.Single(app.Smtp.For(email), m => m.Subject == PaymentFailed);
        Assert.Contains($"{app.PublicBaseUrl}/account", failed.TextBody);
        Assert.Contains("$5.00", failed.TextBody);
    }
}
