using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Support.Tests.Infrastructure;
using Support.Tests.Reports;
using Support.Web.Stripe.Webhooks;
using static Support.Tests.Stripe.Webhooks.WebhookWriterTests;

namespace Support.Tests;

/// <summary>
/// On a server database the webhook writer runs several transactions at once, one per lane of supporters (ADR 0019):
/// another supporter's event commits while one supporter's turn waits for a lock, that supporter's next event waits
/// for its lane, and concurrent duplicated deliveries for the same supporters still end in the exact ledger.
/// </summary>
public sealed class WebhookWriterLaneTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory app;

    public WebhookWriterLaneTests(SupportAppFactory app)
    {
        app.StartServer();
        this.app = app;
    }

    private StripeEventWriter Writer => app.Services.GetRequiredService<StripeEventWriter>();

    [Fact]
    public async Task Another_supporters_event_commits_while_one_supporters_turn_waits_for_its_row_and_that_supporters_next_event_waits_for_it()
    {
        const string held = "cus_lane_held";
        Assert.True(Writer.Lanes > 1, "A server database gets several writer lanes.");
        var other = InLane(Writer, (Writer.LaneOf(new(held, null, null)) + 1) % Writer.Lanes, "cus_lane_other");
        Assert.Equal(EventOutcome.Applied, await Write(Writer, "evt_lane_created", new AddSupporters(held)));

        Task<EventOutcome> waiting, sameSupporter;
        await using (await HoldSupporterRowAsync(held))
        {
            waiting = Write(Writer, "evt_lane_waiting", new AddSupporters(held));
            // Its transaction is open and blocked on the supporter's row (the writer locks supporters before reading them).
            await Eventually.TrueAsync(async () => await LockWaitsAsync() == 1, "the held supporter's writer waits for the row lock", TimeSpan.FromSeconds(120));
            sameSupporter = Write(Writer, "evt_lane_same", new AddSupporters(held));
            await Eventually.TrueAsync(() => Writer.InFlight == 2, "the same supporter's second event reached the writer", TimeSpan.FromSeconds(120));
            // It waits for its lane's turn, not for the row: one supporter's events never run at once.
            Assert.Equal(1, Writer.OpenTurns);

            // A supporter in another lane: its whole transaction runs and commits while the first one is still open.
            Assert.Equal(EventOutcome.Applied, await Write(Writer, "evt_lane_other", new AddSupporters(other)).WaitAsync(TimeSpan.FromSeconds(120)));

            Assert.False(waiting.IsCompleted);
            Assert.False(sameSupporter.IsCompleted);
            Assert.Equal(1, await LockWaitsAsync());
        }

        Assert.Equal(EventOutcome.Applied, await waiting);
        Assert.Equal(EventOutcome.Applied, await sameSupporter);
        Assert.Equal(4, await app.QueryAsync(db => db.ProcessedStripeEvents.CountAsync(e => e.EventId.StartsWith("evt_lane_"))));
    }

    [Fact]
    public async Task Concurrent_duplicated_deliveries_for_the_same_supporters_end_in_the_exact_ledger_and_month_totals()
    {
        await app.QueryAsync(async db =>
        {
            await LedgerSnapshot.ClearAsync(db);
            return await db.ReportMonths.ExecuteDeleteAsync();
        });
        using (var browser = app.CreateBrowserClient())
        {
            await new ReaderJourney(browser).GiveMonthlyAsync("7", "renews.often@example.org");
        }
        foreach (var (amount, email) in new[] { ("3", "lanes.two@example.org"), ("9", "lanes.three@example.org") })
        {
            using var browser = app.CreateBrowserClient();
            await new ReaderJourney(browser).GiveMonthlyAsync(amount, email);
        }
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var renewed = await app.QueryAsync(db => db.Contributions.Where(c => c.Supporter.Email == "renews.often@example.org")
            .Select(c => c.StripeSubscriptionId!).SingleAsync());
        for (var month = 0; month < 4; month++)
        {
            await app.Emulator.AdvanceMonthAsync(renewed);
        }
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var expected = await app.QueryAsync(LedgerSnapshot.TakeAsync);
        var events = app.Emulator.Events.ToList();
        await app.QueryAsync(async db =>
        {
            await LedgerSnapshot.ClearAsync(db);
            return await db.ReportMonths.ExecuteDeleteAsync();
        });

        // Each event three times, shuffled, all at once: one supporter's renewals land in one lane, the others' elsewhere.
        var random = new Random(19);
        var deliveries = events.Concat(events).Concat(events).OrderBy(_ => random.Next()).ToList();
        using var client = app.CreateBrowserClient();
        var responses = await Task.WhenAll(deliveries.Select(e => client.PostEventAsync(e.Payload)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(expected, await app.QueryAsync(LedgerSnapshot.TakeAsync));
        var totals = await app.QueryAsync(MonthTotalsTests.FromScratchAsync);
        Assert.NotEmpty(totals);
        Assert.Equal(totals, await app.QueryAsync(MonthTotalsTests.KeptAsync));
    }

    /// <summary>Another transaction holding the supporter's row, as an erasure or another instance's batch would.</summary>
    private async Task<IAsyncDisposable> HoldSupporterRowAsync(string customerId)
    {
        var connection = new NpgsqlConnection(await app.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM \"Supporters\" WHERE \"StripeCustomerId\" = @id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("id", customerId);
        Assert.NotNull(await command.ExecuteScalarAsync());
        return new RowLock(connection, transaction);
    }

    private sealed class RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>Sessions of this test's database waiting for a lock held by another.</summary>
    private Task<int> LockWaitsAsync() => app.QueryAsync(db => db.Database.SqlQueryRaw<int>(
        "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync());
}
