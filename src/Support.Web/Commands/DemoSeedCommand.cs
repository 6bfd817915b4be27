using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reminders;
using Support.Data.Prompt;
using Support.Data.Supporters;
using Microsoft.Extensions.Options;
using Support.Web.Articles;
using Support.Web.Stripe;

namespace Support.Web.Commands;

/// <summary>
/// <c>demo seed --supporters N</c>: fills an empty database with <see cref="DemoHistory"/> for demos and
/// benchmarks, with prepared inserts in one transaction (<see cref="BulkInsert{T}"/>). Refuses a database that already has supporters.
/// </summary>
public static class DemoSeedCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, int supporters, TextWriter output, CancellationToken ct)
    {
        var db = services.GetRequiredService<SupportDbContext>();
        if (await db.Supporters.AnyAsync(ct) || await db.Reminders.AnyAsync(ct) || await db.PromptDailyStats.AnyAsync(ct))
        {
            await output.WriteLineAsync("This database already has supporters, reminders or prompt counts; demo seed only fills an empty one. Nothing was changed.");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var slugs = services.GetRequiredService<ArticleCatalog>().All.Select(a => a.Slug).ToList();
        var history = new DemoHistory(now, slugs, services.GetRequiredService<IOptions<StripeOptions>>().Value.Currency);
        var (payments, reminders, days) = (0L, 0L, 0L);
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Room for the indexes' pages in memory: with SQLite's 2 MB default, inserts with random keys (Stripe ids)
            // spill dirty pages to disk over and over before the commit.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;", ct);
        }
        await using (var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(ct))
        {
            var deferred = db.Database.IsSqlite()
                ? await DeferredSqliteIndexes.DropAsync(transaction, ["Supporters", "Contributions", "Payments", "Reminders", "PromptDailyStats"], ct)
                : null;
            await using var supporterRows = new BulkInsert<Supporter>(db, transaction);
            await using var contributionRows = new BulkInsert<Contribution>(db, transaction);
            await using var paymentRows = new BulkInsert<Payment>(db, transaction);
            await using var reminderRows = new BulkInsert<Reminder>(db, transaction);
            await using var promptRows = new BulkInsert<PromptDailyStat>(db, transaction);
            for (var i = 0; i < supporters; i++)
            {
                var supporter = history.Supporter(i, out var reminded);
                supporter.Id = i + 1;
                await supporterRows.AddAsync(supporter, ct);
                foreach (var contribution in supporter.Contributions)
                {
                    (contribution.Id, contribution.SupporterId) = (supporter.Id, supporter.Id);
                    await contributionRows.AddAsync(contribution, ct);
                    foreach (var payment in contribution.Payments)
                    {
                        (payment.Id, payment.ContributionId) = (++payments, contribution.Id);
                        await paymentRows.AddAsync(payment, ct);
                    }
                }
                foreach (var reminder in i % 4 == 0 ? reminded.Append(history.ReaderReminder(i)) : reminded)
                {
                    reminder.Id = ++reminders;
                    await reminderRows.AddAsync(reminder, ct);
                }
            }
            foreach (var slug in slugs.Append(""))
            {
                for (var day = now.Date.AddMonths(-24); day <= now.Date; day = day.AddDays(1), days++)
                {
                    await promptRows.AddAsync(history.PromptDay(slug, day), ct);
                }
            }
            await supporterRows.FinishAsync(ct);
            await contributionRows.FinishAsync(ct);
            await paymentRows.FinishAsync(ct);
            await reminderRows.FinishAsync(ct);
            await promptRows.FinishAsync(ct);
            if (deferred is not null)
            {
                await deferred.RebuildAsync(transaction, ct);
            }
            await transaction.CommitAsync(ct);
        }
        // The bulk insert bypassed the month totals' deltas.
        db.ChangeTracker.Clear();
        await Support.Web.Reports.MonthTotalsRebuild.RunAsync(db, ct);
        // Statistics for the query planner, so report queries pick their covering indexes (SQLite and PostgreSQL).
        if (!db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        }
        await output.WriteLineAsync($"Seeded {supporters:N0} supporters, {payments:N0} payments, {reminders:N0} reminders and {days:N0} prompt days in {clock.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
