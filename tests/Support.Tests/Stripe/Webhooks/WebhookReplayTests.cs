using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;

namespace Support.Tests.Stripe.Webhooks;

/// <summary>
/// Stripe delivers at least once and in any order. A real history is made through the emulator (checkouts,
/// a renewal, a failed then recovered payment, a partial refund, a cancellation); its events are then replayed
/// shuffled and duplicated into an emptied ledger, which must end in exactly the same state.
/// </summary>
public sealed class WebhookReplayTests : IClassFixture<WebhookReplayTests.History>
{
    private readonly History _app;

    public WebhookReplayTests(History app) => _app = app;

    /// <summary>The app plus a history made once through the emulator, and the ledger it produced.</summary>
    public sealed class History : SupportAppFactory, IAsyncLifetime
    {
        public string Expected { get; private set; } = "";

        public async Task InitializeAsync()
        {
            // Three readers, each in their own browser (a supporter no longer sees the prompt).
            await GiveAsync("5", "steady@example.org");
            await GiveAsync("12.50", "renewal.fails@example.org", "4000 0000 0000 0341");
            await GiveAsync("2", "leaves@example.org");
            await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

            var subscriptions = await QueryAsync(db => db.Contributions.Include(c => c.Supporter)
                .ToDictionaryAsync(c => c.Supporter.Email!, c => c.StripeSubscriptionId!));
            await Emulator.AdvanceMonthAsync(subscriptions["steady@example.org"]);
            var failedInvoice = await Emulator.AdvanceMonthAsync(subscriptions["renewal.fails@example.org"]);
            await Emulator.PayInvoiceAsync(failedInvoice);
            var firstInvoice = await QueryAsync(db => db.Payments
                .Where(p => p.Contribution.StripeSubscriptionId == subscriptions["steady@example.org"])
                .OrderBy(p => p.CreatedAt).Select(p => p.StripeInvoiceId).FirstAsync());
            await Emulator.RefundInvoiceAsync(firstInvoice, 200);
            await Emulator.CancelSubscriptionAsync(subscriptions["leaves@example.org"]);
            await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
            Expected = await QueryAsync(LedgerSnapshot.TakeAsync);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private async Task GiveAsync(string amount, string email, string card = "4242 4242 4242 4242")
        {
            using var browser = CreateBrowserClient();
            await new ReaderJourney(browser).GiveMonthlyAsync(amount, email, card);
        }
    }

    [Fact]
    public async Task Delivered_history_yields_the_expected_ledger()
    {
        var payments = await _app.QueryAsync(db => db.Payments.AsNoTracking().ToListAsync());
        Assert.Equal(3, await _app.QueryAsync(db => db.Supporters.CountAsync()));
        Assert.Equal(5, payments.Count);
        Assert.All(payments, p => Assert.Equal(PaymentStatus.Paid, p.Status));
        var recovered = Assert.Single(payments, p => p.FirstFailedAt is not null);
        Assert.Equal(1250, recovered.AmountCents);
        Assert.Equal(200, Assert.Single(payments, p => p.RefundedCents > 0).RefundedCents);
        var cancelled = await _app.QueryAsync(db => db.Contributions.SingleAsync(c => c.Supporter.Email == "leaves@example.org"));
        Assert.Equal(ContributionStatus.Canceled, cancelled.Status);
        Assert.NotNull(cancelled.CancelledAt);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public Task Shuffled_and_duplicated_replay_ends_in_the_same_state(int seed) =>
        Replay.ShuffledWithDuplicatesAsync(_app, _app.Expected, seed);

    [Fact]
    public Task Concurrent_duplicate_deliveries_are_applied_once() =>
        Replay.EightTimesAtOnceAsync(_app, _app.Expected);

    [Fact]
    public async Task Fifty_concurrent_deliveries_with_duplicates_end_in_the_expected_ledger()
    {
        var events = _app.Emulator.Events.ToList();
        var random = new Random(50);
        var deliveries = Enumerable.Range(0, 50).Select(i => events[i % events.Count]).OrderBy(_ => random.Next()).ToList();
        await _app.QueryAsync(async db => { await LedgerSnapshot.ClearAsync(db); return 0; });
        using var client = _app.CreateBrowserClient();

        var responses = await Task.WhenAll(deliveries.Select(e => client.PostEventAsync(e.Payload)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(events.Count < 50, "Every event must be delivered more than once.");
        Assert.Equal(events.Count(e => Support.Web.Stripe.Webhooks.StripeEventHandlers.Handles(e.Type)), bodies.Count(b => b.Contains("applied")));
        Assert.Equal(_app.Expected, await _app.QueryAsync(LedgerSnapshot.TakeAsync));
    }
}
