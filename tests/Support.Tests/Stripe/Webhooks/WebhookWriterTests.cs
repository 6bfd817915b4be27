using Microsoft.EntityFrameworkCore;
using Support.Data.Email;
using Support.Data.Supporters.Emails;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Web.Stripe.Webhooks;
using Support.Web.Stripe;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;

namespace Support.Tests.Stripe.Webhooks;

/// <summary>
/// The one write path: events waiting while a transaction runs are committed together in one SaveChanges, and again
/// each in its own savepoint when that fails, on SQLite and PostgreSQL alike; an event whose answer never reaches Stripe is answered "duplicate" the next time.
/// </summary>
public sealed class WebhookWriterTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory app;

    public WebhookWriterTests(SupportAppFactory app)
    {
        // Started here, once: the tests then reach the app from several threads at a time.
        app.StartServer();
        this.app = app;
    }

    private StripeEventWriter Writer => app.Services.GetRequiredService<StripeEventWriter>();

    [Fact]
    public async Task A_failing_event_among_waiting_ones_is_rolled_back_alone_and_the_others_are_applied_once()
    {
        Task<EventOutcome> first, failing, other, repeat;
        // One supporter lane (a server database has several): the four then wait for the same turn.
        var (firstCustomer, otherCustomer, repeatCustomer) = ("cus_wb_first", InLaneOf("cus_wb_first", "cus_wb_other"), InLaneOf("cus_wb_first", "cus_wb_repeat"));
        await using (await DatabaseWriteLock.HoldAsync(app))
        {
            // While the database is held, the first writer waits inside its transaction and the rest queue behind it:
            // they are then committed as one batch.
            first = Write("evt_wb_first", new AddSupporters(firstCustomer));
            // Adds a supporter of its own, then fails as a unique index would refuse it.
            failing = Write("evt_wb_failing", new AddSupporters(InLaneOf("cus_wb_first", "cus_wb_failing")) { ThenFail = true });
            other = Write("evt_wb_other", new AddSupporters(otherCustomer));
            repeat = Write("evt_wb_first", new AddSupporters(repeatCustomer));
            await WaitUntilAsync(() => Writer.InFlight == 4);
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => failing);
        Assert.Equal(EventOutcome.Applied, await other);
        Assert.Equal([EventOutcome.Applied, EventOutcome.Duplicate], new[] { await first, await repeat }.Order());
        var applied = await first == EventOutcome.Applied ? firstCustomer : repeatCustomer;
        Assert.Equal(new[] { otherCustomer, applied }.Order(StringComparer.Ordinal), await CustomersAsync("cus_wb_"));
        Assert.Equal(["evt_wb_first", "evt_wb_other"], await EventIdsAsync("evt_wb_"));
    }

    [Fact]
    public async Task A_dispute_saved_in_one_batch_with_its_payment_withholds_the_payments_thank_you()
    {
        // Not "cus_wb_…": the first test counts every customer of that prefix.
        const string customer = "cus_wbd_disputed";
        var created = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        var subscription = new SubscriptionSnapshot("sub_wb_disputed", customer, "disputed@example.org", "active", 500, "usd", created,
            null, false, created.AddMonths(1), null);
        var invoice = new InvoiceSnapshot("in_wb_disputed", customer, "disputed@example.org", subscription.Id, "paid", 500, 500, "usd",
            created, created, "pi_wb_disputed");
        var dispute = new DisputeSnapshot("dp_wb_disputed", "ch_wb_disputed", invoice.PaymentIntentId, 500, "usd", "needs_response", created.AddDays(3), 1500);
        Task<EventOutcome> first, paid, disputed;
        await using (await DatabaseWriteLock.HoldAsync(app))
        {
            // The first holds the lane's turn; the payment and then its dispute wait behind it and are saved together.
            first = Write("evt_wbd_first", new AddSupporters(InLaneOf(customer, "cus_wbd_first")));
            paid = Write(Writer, "evt_wbd_paid", new InvoiceWrite(subscription, invoice, InvoiceOutcome.Paid, created),
                [new(EmailKind.ThankYou, invoice.Id, 500, "usd", null)]);
            await WaitUntilAsync(() => Writer.InFlight == 2);
            disputed = Write("evt_wbd_disputed", new DisputeWrite(subscription, invoice, dispute));
            await WaitUntilAsync(() => Writer.InFlight == 3);
        }

        Assert.Equal([EventOutcome.Applied, EventOutcome.Applied, EventOutcome.Applied], [await first, await paid, await disputed]);
        Assert.Equal([EmailStatus.Skipped], await app.QueryAsync(db => db.EmailDispatches
            .Where(d => d.Kind == EmailKind.ThankYou && d.Key == invoice.Id).Select(d => d.Status).ToListAsync()));
    }

    [Fact]
    public async Task Concurrent_writes_with_duplicates_apply_each_event_once_and_answer_each_caller()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"evt_many_{i:D2}").ToList();
        var deliveries = ids.Concat(ids.Where((_, i) => i % 3 == 0)).Concat(ids.Take(5)).ToList();

        var outcomes = await Task.WhenAll(deliveries.Select(id => Write(id, new AddSupporters("cus_many_" + id))));

        var applied = deliveries.Zip(outcomes).Where(d => d.Second == EventOutcome.Applied).Select(d => d.First).Order().ToList();
        Assert.Equal(ids, applied);
        Assert.Equal(deliveries.Count - ids.Count, outcomes.Count(o => o == EventOutcome.Duplicate));
        Assert.Equal(ids, await EventIdsAsync("evt_many_"));
        Assert.Equal(ids.Select(id => "cus_many_" + id).ToList(), await CustomersAsync("cus_many_"));
    }

    [Fact]
    public async Task An_event_committed_after_its_request_gave_up_is_answered_duplicate_when_stripe_delivers_it_again()
    {
        using var browser = app.CreateBrowserClient();
        await new ReaderJourney(browser).GiveMonthlyAsync("5", "lost.answer@example.org");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var paid = app.Emulator.Events.Last(e => e.Type == "invoice.paid");
        await app.QueryAsync(async db =>
        {
            await LedgerSnapshot.ClearAsync(db);
            return await db.EmailDispatches.ExecuteDeleteAsync();
        });

        using var gaveUp = new CancellationTokenSource();
        await using (await DatabaseWriteLock.HoldAsync(app))
        {
            // Nothing leaves the writer while the database is held, so the count only grows.
            var inFlight = Writer.InFlight;
            var delivery = browser.PostEventAsync(paid.Payload, ct: gaveUp.Token);
            await WaitUntilAsync(() => Writer.InFlight > inFlight);
            // Stripe times out (or the connection drops) while the event waits for its commit: no 200 reaches it.
            await gaveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery);
        }
        await WaitUntilAsync(() => Writer.InFlight == 0);

        var again = await browser.PostEventAsync(paid.Payload);

        Assert.Equal("\"duplicate\"", await again.Content.ReadAsStringAsync());
        Assert.Equal([paid.Id], await EventIdsAsync(paid.Id));
        Assert.Single(await app.QueryAsync(db => db.EmailDispatches.Where(d => d.Kind == EmailKind.ThankYou).ToListAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.Payments.CountAsync(p => p.Status == PaymentStatus.Paid)));
    }

    private Task<EventOutcome> Write(string eventId, EventWrite write) => Write(Writer, eventId, write);

    /// <summary>A customer id starting with <paramref name="name"/> whose events share the writer lane of <paramref name="anchor"/>'s.</summary>
    private string InLaneOf(string anchor, string name) => InLane(Writer, Writer.LaneOf(new(anchor, null, null)), name);

    internal static string InLane(StripeEventWriter writer, int lane, string name) =>
        Enumerable.Range(0, 1000).Select(i => i == 0 ? name : $"{name}_{i}").First(id => writer.LaneOf(new(id, null, null)) == lane);

    /// <summary>On a thread of its own: SQLite's busy wait for the held lock blocks the thread that waits.</summary>
    internal static Task<EventOutcome> Write(StripeEventWriter writer, string eventId, EventWrite write, IReadOnlyList<PlannedEmail>? emails = null) =>
        Task.Run(() => writer.WriteAsync(new Event { Id = eventId, Type = EventTypes.InvoicePaid }, Support.Data.Stripe.StripeEventSource.Webhook, write, emails ?? []));

    /// <summary>A write that only adds a supporter, and then perhaps fails.</summary>
    internal sealed record AddSupporters(string CustomerId) : EventWrite
    {
        public bool ThenFail { get; init; }

        public override LedgerKeys Keys => new(CustomerId, null, null);

        public override async Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct)
        {
            await ledger.UpsertSupporterAsync(CustomerId, null, DateTime.UtcNow, ct);
            return ThenFail ? throw new DbUpdateException("Refused by a unique index") : null;
        }
    }

    private Task<List<string>> CustomersAsync(string prefix) => app.QueryAsync(db => db.Supporters
        .Where(s => s.StripeCustomerId.StartsWith(prefix)).OrderBy(s => s.StripeCustomerId).Select(s => s.StripeCustomerId).ToListAsync());

    private Task<List<string>> EventIdsAsync(string prefix) => app.QueryAsync(db => db.ProcessedStripeEvents
        .Where(e => e.EventId.StartsWith(prefix)).OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync());

    /// <summary>A bound, not a speed check: on the shared 2-core machine one delivery once took over 30 s to reach the writer.</summary>
    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, "the writer reached the expected point", TimeSpan.FromSeconds(120));
}
