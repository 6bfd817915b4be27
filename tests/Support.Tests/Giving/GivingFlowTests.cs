using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;

namespace Support.Tests.Giving;

/// <summary>Each frequency end to end through the emulator over HTTP: article → Checkout → webhooks → ledger.</summary>
public sealed class GivingFlowTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory _app;

    public GivingFlowTests(SupportAppFactory app) => _app = app;

    [Fact]
    public async Task One_time_gift_records_a_completed_contribution_without_subscription_and_one_paid_payment()
    {
        using var browser = _app.CreateBrowserClient();

        var done = await new ReaderJourney(browser).GiveAsync("once", "25", "once.flow@example.org");

        Assert.Equal(HttpStatusCode.OK, done.ThanksResponse.StatusCode);
        Assert.Contains("Your gift of $25.00 has arrived", done.ThanksHtml);
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var contribution = await _app.QueryAsync(db => db.Contributions.Include(c => c.Payments)
            .SingleAsync(c => c.Supporter.Email == "once.flow@example.org"));
        Assert.Equal(GiftFrequency.Once, contribution.Frequency);
        Assert.Equal(ContributionStatus.Completed, contribution.Status);
        Assert.Null(contribution.StripeSubscriptionId);
        Assert.StartsWith("pi_", contribution.StripePaymentIntentId);
        Assert.Equal(2500, contribution.AmountCents);
        Assert.Equal(ReaderJourney.ArticleSlug, contribution.ArticleSlug);
        var payment = Assert.Single(contribution.Payments);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.Equal(2500, payment.AmountCents);
        Assert.Equal(contribution.StripePaymentIntentId, payment.StripePaymentIntentId);
        Assert.NotNull(payment.InvoiceNumber);
    }

    [Fact]
    public async Task One_time_checkout_is_a_payment_mode_session_with_an_invoice_and_no_fixed_payment_methods()
    {
        using var browser = _app.CreateBrowserClient();
        var checkout = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string>
            { ["frequency"] = "once", ["amount"] = "10", ["email"] = "once.session@example.org" });

        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);
        var page = await browser.GetStringAsync(checkout.Headers.Location);
        // The emulator's hosted page says Donate for submit_type=donate in payment mode.
        Assert.Contains("Donate", page);
        Assert.Contains("$10.00", page);
        Assert.DoesNotContain("per month", page);
    }

    [Fact]
    public async Task Refund_of_a_one_time_gift_is_recorded_on_its_payment()
    {
        using var browser = _app.CreateBrowserClient();
        await new ReaderJourney(browser).GiveAsync("once", "50", "once.refund@example.org");
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var intent = await _app.QueryAsync(db => db.Contributions.Where(c => c.Supporter.Email == "once.refund@example.org")
            .Select(c => c.StripePaymentIntentId!).SingleAsync());

        await _app.Emulator.RefundPaymentAsync(intent, 1500);
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var payment = await _app.QueryAsync(db => db.Payments.SingleAsync(p => p.StripePaymentIntentId == intent));
        Assert.Equal(1500, payment.RefundedCents);
        Assert.Equal(5000, payment.AmountCents);
    }

    [Fact]
    public async Task Annual_gift_is_a_yearly_subscription_that_renews_a_year_later()
    {
        using var browser = _app.CreateBrowserClient();

        var done = await new ReaderJourney(browser).GiveAsync("year", "120", "annual.flow@example.org");

        Assert.Contains("$120.00 every year", done.ThanksHtml);
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var contribution = await _app.QueryAsync(db => db.Contributions.SingleAsync(c => c.Supporter.Email == "annual.flow@example.org"));
        Assert.Equal(GiftFrequency.Year, contribution.Frequency);
        Assert.Equal(ContributionStatus.Active, contribution.Status);
        Assert.Equal(12000, contribution.AmountCents);
        Assert.InRange((contribution.CurrentPeriodEnd!.Value - contribution.StartedAt).TotalDays, 365, 366);

        await _app.Emulator.AdvanceAsync(contribution.StripeSubscriptionId!);
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var payments = await _app.QueryAsync(db => db.Payments.Where(p => p.ContributionId == contribution.Id).OrderBy(p => p.CreatedAt).ToListAsync());
        Assert.Equal(2, payments.Count);
        Assert.All(payments, p => Assert.Equal((PaymentStatus.Paid, 12000L), (p.Status, p.AmountCents)));
        var renewed = await _app.QueryAsync(db => db.Contributions.SingleAsync(c => c.Id == contribution.Id));
        Assert.InRange((renewed.CurrentPeriodEnd!.Value - contribution.CurrentPeriodEnd.Value).TotalDays, 365, 366);
    }

    [Fact]
    public async Task Monthly_stays_the_default_when_no_frequency_is_posted()
    {
        using var browser = _app.CreateBrowserClient();
        var checkout = await browser.PostFormAsync("/support/checkout", new Dictionary<string, string>
            { ["amount"] = "5", ["article"] = ReaderJourney.ArticleSlug });

        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);
        Assert.Contains("$5.00 per month", await browser.GetStringAsync(checkout.Headers.Location));
    }
}
