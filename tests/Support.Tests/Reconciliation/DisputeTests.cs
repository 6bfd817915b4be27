using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Data.Staff;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using Support.Web.Email.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Support.Tests.Reconciliation;

/// <summary>
/// A gift paid with the emulator's 0259 card is disputed after payment. The payment is marked disputed, then won or
/// lost; a lost dispute and every dispute fee count against revenue; nobody is thanked for it; staff see it while open.
/// </summary>
public sealed class DisputeTests(DisputeTests.History app) : IClassFixture<DisputeTests.History>
{
    private const string DisputedCard = "4000 0000 0000 0259";

    public sealed class History : SupportAppFactory, IAsyncLifetime
    {
        public HttpClient Staff { get; private set; } = null!;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Reports:SummaryCacheDuration", "00:00:00")];

        public async Task InitializeAsync() => Staff = await this.StaffBrowserAsync(StaffRoles.Staff);

        Task IAsyncLifetime.DisposeAsync()
        {
            Staff.Dispose();
            return Task.CompletedTask;
        }

        public async Task<Payment> GiveDisputedAsync(string amount, string email)
        {
            using var browser = CreateBrowserClient();
            await new ReaderJourney(browser).GiveMonthlyAsync(amount, email, DisputedCard);
            await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
            return await QueryAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Contribution.Supporter.Email == email));
        }

        public Task<Payment> PaymentAsync(long id) => QueryAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id));
    }

    [Fact]
    public async Task A_disputed_payment_is_marked_open_shown_to_staff_and_gets_no_thank_you()
    {
        var payment = await app.GiveDisputedAsync("9", "disputes.open@example.org");

        Assert.Equal(DisputeStatus.Open, payment.DisputeStatus);
        Assert.Equal(900, payment.DisputedCents);
        Assert.Equal(1500, payment.DisputeFeeCents);
        Assert.Equal(1500, payment.DisputeLossCents);
        Assert.StartsWith("dp_", payment.StripeDisputeId);
        var thanks = await app.QueryAsync(db => db.EmailDispatches.AsNoTracking()
            .Where(d => d.Kind == EmailKind.ThankYou && d.Key == payment.StripeInvoiceId).ToListAsync());
        // Skipped when the dispute arrived first. Claimed before it (and back for a retry: no SMTP server answers
        // here), it waits as Pending, and the sender's check before each attempt skips it.
        var waiting = thanks.Where(d => d.Status != EmailStatus.Skipped).ToList();
        Assert.All(waiting, d => Assert.Equal(EmailStatus.Pending, d.Status));
        await using var scope = app.Services.CreateAsyncScope();
        var skipped = await scope.ServiceProvider.GetRequiredService<EmailQueue<EmailDispatch>>().SkipAsync(waiting, CancellationToken.None);
        Assert.All(waiting, d => Assert.Equal("The payment is disputed", skipped[d.Id]));
        var page = await app.Staff.GetAsync("/staff/reconciliation");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"data-dispute=\"{payment.StripeDisputeId}\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_won_dispute_costs_only_its_fee_and_leaves_the_open_list()
    {
        var payment = await app.GiveDisputedAsync("11", "disputes.won@example.org");

        await app.Emulator.CloseDisputeAsync(payment.StripeDisputeId!, won: true);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var won = await app.PaymentAsync(payment.Id);
        Assert.Equal(DisputeStatus.Won, won.DisputeStatus);
        Assert.Equal(1500, won.DisputeLossCents);
        Assert.DoesNotContain($"data-dispute=\"{payment.StripeDisputeId}\"", await app.Staff.GetStringAsync("/staff/reconciliation"));
    }

    [Fact]
    public async Task A_lost_dispute_takes_the_amount_and_the_fee_off_revenue()
    {
        var payment = await app.GiveDisputedAsync("13", "disputes.lost@example.org");
        var month = payment.PaidAt!.Value.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var before = await RevenueAsync(month);

        await app.Emulator.CloseDisputeAsync(payment.StripeDisputeId!, won: false);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var lost = await app.PaymentAsync(payment.Id);
        Assert.Equal(DisputeStatus.Lost, lost.DisputeStatus);
        Assert.Equal(1300 + 1500, lost.DisputeLossCents);
        // Before: the fee was already counted against it; now the amount too.
        Assert.Equal(before - 1300, await RevenueAsync(month));
    }

    private async Task<long> RevenueAsync(string month)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await app.Staff.GetStringAsync($"/staff/api/summary?from={month}&to={month}&currency=usd"));
        return json.RootElement.GetProperty("months")[0].GetProperty("revenueCents").GetInt64();
    }
}
