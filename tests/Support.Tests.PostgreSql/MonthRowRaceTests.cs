using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Support.Data;
using Support.Data.Reports;
using Support.Tests.Infrastructure;
using Support.Web.Data;
using Support.Web.Reports;

namespace Support.Tests;

/// <summary>
/// A month row's increments from transactions at once (the webhook writer's lanes, other instances) on a server database,
/// where they really run at once: one transaction's statements on the row are interleaved, one by one, with other
/// writers' whole transactions on the same row, at the points where the database lets them in.
/// </summary>
public sealed class MonthRowRaceTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    private static readonly MonthKey Key = new("usd", new DateTime(2031, 5, 1, 0, 0, 0, DateTimeKind.Utc), "month");

    [Fact]
    public async Task Increments_committed_while_another_transaction_adds_to_a_month_row_it_finds_missing_are_all_kept()
    {
        await app.QueryAsync(db => db.ReportMonths.Where(m => m.Month == Key.Month).ExecuteDeleteAsync());
        // After each statement of the transaction under test on the row, the next other writer runs: the first inserts the
        // row the transaction found missing, the second adds to the row the transaction has read.
        var others = new Queue<long>([100, 10]);
        var running = new List<Task>();
        var interleave = new AfterEachStatement("\"ReportMonths\"", async () =>
        {
            if (others.TryDequeue(out var cents))
            {
                var other = Task.Run(() => AddIssuedAsync(cents));
                running.Add(other);
                // Done, or waiting for the transaction under test to end (the database decides who goes first).
                await Eventually.TrueAsync(async () => other.IsCompleted || await LockWaitsAsync() > 0, "the other writer ran or waits for the row",
                    TimeSpan.FromSeconds(60));
            }
        });
        var connection = await app.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await using (var db = new SupportDbContext(new DbContextOptionsBuilder<SupportDbContext>()
            .UseNpgsql(connection, npgsql => npgsql.EnableRetryOnFailure()).AddInterceptors(interleave).Options))
        {
            await db.InTransactionAsync(async ct =>
            {
                await MonthTotals.ApplyAsync(db, Key, new ReportMonth { Currency = Key.Currency, Month = Key.Month, Frequency = Key.Frequency, IssuedCents = 1 },
                    inTransaction: true, ct);
                await db.SaveChangesAsync(ct);
            }, CancellationToken.None);
        }
        // Whoever did not get a turn inside it writes after it.
        while (others.TryDequeue(out var cents))
        {
            running.Add(AddIssuedAsync(cents));
        }
        await Task.WhenAll(running);

        Assert.Equal(111, await app.QueryAsync(db => db.ReportMonths.Where(m => m.Month == Key.Month).Select(m => m.IssuedCents).SingleAsync()));
    }

    /// <summary>Another writer's whole transaction: the delta, then the commit.</summary>
    private Task<int> AddIssuedAsync(long cents) => app.QueryAsync(async db =>
    {
        await db.InTransactionAsync(async ct =>
        {
            await MonthTotals.ApplyAsync(db, Key, new ReportMonth { Currency = Key.Currency, Month = Key.Month, Frequency = Key.Frequency, IssuedCents = cents },
                inTransaction: true, ct);
            await db.SaveChangesAsync(ct);
        }, CancellationToken.None);
        return 0;
    });

    /// <summary>Sessions of this test's database waiting for a lock held by another.</summary>
    private Task<int> LockWaitsAsync() => app.QueryAsync(db => db.Database.SqlQueryRaw<int>(
        "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync());

    /// <summary>Runs <paramref name="then"/> after each statement naming <paramref name="table"/>, before its caller goes on.</summary>
    private sealed class AfterEachStatement(string table, Func<Task> then) : DbCommandInterceptor
    {
        public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            await AfterAsync(command);
            return result;
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            await AfterAsync(command);
            return result;
        }

        private async Task AfterAsync(DbCommand command)
        {
            if (command.CommandText.Contains(table, StringComparison.Ordinal))
            {
                await then();
            }
        }
    }
}
