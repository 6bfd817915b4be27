using Support.Data.Email;
using Support.Data.Supporters.Emails;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using Support.Web.Email.Outbox;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

public sealed class SupporterEmailTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
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
        await WaitForSubjectAsync(email, ThankYou);
        await WaitForSubjectAsync(email, AmountChanged);
        var cancelled = await WaitForSubjectAsync(email, Cancelled);

        foreach (var stripeEvent in app.Emulator.Events)
        {
            var again = await browser.PostEventAsync(stripeEvent.Payload);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        await RunEveryJobAgainAsync(email);

        var subjects = app.Smtp.For(email).Select(m => m.Subject).Where(s => !s?.StartsWith("Sign in", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(new[] { ThankYou, Cancelled, AmountChanged, Receipt }, subjects.Order(StringComparer.Ordinal).ToArray());
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
        var failed = await WaitForSubjectAsync(email, PaymentFailed);
        foreach (var stripeEvent in app.Emulator.Events.Where(e => e.Type == "invoice.payment_failed"))
        {
            await browser.PostEventAsync(stripeEvent.Payload);
        }
        await RunEveryJobAgainAsync(email);

        Assert.Single(app.Smtp.For(email), m => m.Subject == PaymentFailed);
        Assert.Contains($"{app.PublicBaseUrl}/account", failed.TextBody);
        Assert.Contains("$5.00", failed.TextBody);
    }

    /// <summary>Other senders (threads or processes) racing the app's own: the claims let none of them send a second time.</summary>
    private async Task RunEveryJobAgainAsync(string email)
    {
        await Task.WhenAll(RunRoundAsync(), RunRoundAsync(), RunRoundAsync());
        // The original sender may still be recording its send (the message reaches SMTP before the row says Sent).
        // Once every row is settled nothing more can reach SMTP for them: the "sent once" counts that follow prove it.
        await app.WaitForEmailsSettledAsync(email);
        var dispatches = await app.QueryAsync(db => db.EmailDispatches.AsNoTracking().Where(d => d.Email == email).ToListAsync());
        Assert.All(dispatches, d => Assert.Equal(EmailStatus.Sent, d.Status));
    }

    private async Task RunRoundAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EmailSender<EmailDispatch>>().SendDueAsync(CancellationToken.None);
    }

    private async Task<MimeKit.MimeMessage> WaitForSubjectAsync(string email, string subject)
    {
        return await Eventually.RefAsync(() => Task.FromResult(app.Smtp.For(email).FirstOrDefault(m => m.Subject == subject)),
            $"the email \"{subject}\" for {email} arrives");
    }
}
