using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;

namespace Support.Tests.Giving;

/// <summary>
/// A history of every frequency made through the emulator (a one-time gift refunded in part, another kept, an
/// annual gift renewed a year later, a monthly gift), replayed shuffled and duplicated, and all at once, into an
/// emptied ledger: it must end the same, on SQLite and on PostgreSQL.
/// </summary>
public sealed class GivingReplayTests : IClassFixture<GivingReplayTests.History>
{
    private readonly History _app;

    public GivingReplayTests(History app) => _app = app;

    public sealed class History : SupportAppFactory, IAsyncLifetime
    {
        public string Expected { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await GiveAsync("once", "25", "once.replay@example.org");
            await GiveAsync("once", "10", "once.refunded@example.org");
            await GiveAsync("year", "120", "annual.replay@example.org");
            await GiveAsync("month", "5", "monthly.replay@example.org");
            await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

            var annual = await QueryAsync(db => db.Contributions.Where(c => c.Frequency == GiftFrequency.Year).Select(c => c.StripeSubscriptionId!).SingleAsync());
            await Emulator.AdvanceAsync(annual);
            var refunded = await QueryAsync(db => db.Contributions.Where(c => c.Supporter.Email == "once.refunded@example.org")
                .Select(c => c.StripePaymentIntentId!).SingleAsync());
            await Emulator.RefundPaymentAsync(refunded, 400);
            await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
            Expected = await QueryAsync(LedgerSnapshot.TakeAsync);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private async Task GiveAsync(string frequency, string amount, string email)
        {
            using var browser = CreateBrowserClient();
            await new ReaderJourney(browser).GiveAsync(frequency, amount, email);
        }
    }

    [Fact]
    public async Task Delivered_history_of_every_frequency_yields_the_expected_ledger()
    {
        var contributions = await _app.QueryAsync(db => db.Contributions.AsNoTracking().Include(c => c.Payments).Include(c => c.Supporter).ToListAsync());

        Assert.Equal(4, contributions.Count);
        var once = contributions.Where(c => c.Frequency == GiftFrequency.Once).OrderBy(c => c.AmountCents).ToList();
        Assert.Equal([1000L, 2500L], once.Select(c => c.AmountCents));
        Assert.All(once, c => Assert.Equal((ContributionStatus.Completed, (string?)null, 1), (c.Status, c.StripeSubscriptionId, c.Payments.Count)));
        Assert.Equal(400, once[0].Payments.Single().RefundedCents);
        var annual = Assert.Single(contributions, c => c.Frequency == GiftFrequency.Year);
        Assert.Equal(2, annual.Payments.Count(p => p.Status == PaymentStatus.Paid && p.AmountCents == 12000));
        Assert.Single(Assert.Single(contributions, c => c.Frequency == GiftFrequency.Month).Payments);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public Task Shuffled_and_duplicated_replay_of_every_frequency_ends_in_the_same_state(int seed) =>
        Replay.ShuffledWithDuplicatesAsync(_app, _app.Expected, seed);

    [Fact]
    public Task Every_event_of_every_frequency_delivered_eight_times_at_once_is_applied_once() =>
        Replay.EightTimesAtOnceAsync(_app, _app.Expected);
}
