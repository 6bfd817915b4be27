using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>One <see cref="ReportLiveGift"/> row: the live contributions of a currency with one frequency, amount and flags.</summary>
public readonly record struct LiveKey(string Currency, GiftFrequency Frequency, long AmountCents, bool Paused, bool CancelAtPeriodEnd);

/// <summary>
/// The live gift counts (<see cref="ReportLiveGift"/>) as a pure function of single contribution rows, kept like the
/// month totals (ADR 0021): a save takes back what a contribution's old values counted and adds what its new ones count.
/// </summary>
public static class LiveGiftTotals
{
    /// <summary>The deltas of every tracked contribution change, from original to current values.</summary>
    public static Dictionary<LiveKey, int> Deltas(ChangeTracker tracker)
    {
        var totals = new Dictionary<LiveKey, int>();
        foreach (var entry in tracker.Entries<Contribution>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                Add(totals, entry.OriginalValues, -1);
            }
            if (entry.State is EntityState.Modified or EntityState.Added)
            {
                Add(totals, entry.CurrentValues, 1);
            }
        }
        foreach (var key in totals.Where(t => t.Value == 0).Select(t => t.Key).ToList())
        {
            totals.Remove(key);
        }
        return totals;
    }

    /// <summary>
    /// One row's delta. Inside a transaction (every Stripe event, every account change) an atomic upsert, so writers at
    /// once never lose a count and never race to insert a new amount's row; outside one, the tracked row, saved with the
    /// change. Rows that fall to zero stay, so an empty table means "never computed" (<see cref="MonthTotalsRebuild"/>).
    /// </summary>
    public static async Task ApplyAsync(SupportDbContext db, LiveKey key, int delta, bool inTransaction, CancellationToken ct)
    {
        if (inTransaction)
        {
            await UpsertAsync(db, key, delta, ct);
            return;
        }
        var row = db.ReportLiveGifts.Local.FirstOrDefault(g => Of(g) == key)
            ?? await db.ReportLiveGifts.FirstOrDefaultAsync(g => g.Currency == key.Currency && g.Frequency == key.Frequency
                && g.AmountCents == key.AmountCents && g.Paused == key.Paused && g.CancelAtPeriodEnd == key.CancelAtPeriodEnd, ct);
        if (row is null)
        {
            row = new ReportLiveGift
            {
                Currency = key.Currency, Frequency = key.Frequency, AmountCents = key.AmountCents, Paused = key.Paused,
                CancelAtPeriodEnd = key.CancelAtPeriodEnd,
            };
            db.ReportLiveGifts.Add(row);
        }
        row.Count += delta;
    }

    /// <summary>Insert the row or add to it, in one statement: SQLite and PostgreSQL share ON CONFLICT, SQL Server has MERGE.</summary>
    private static Task<int> UpsertAsync(SupportDbContext db, LiveKey key, int delta, CancellationToken ct)
    {
        var (currency, frequency, amount, paused, ending) = (key.Currency, key.Frequency.ToString(), key.AmountCents, key.Paused, key.CancelAtPeriodEnd);
        return db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync($"""
                MERGE [ReportLiveGifts] WITH (HOLDLOCK) AS t
                USING (VALUES ({currency}, {frequency}, {amount}, {paused}, {ending})) AS s ([Currency], [Frequency], [AmountCents], [Paused], [CancelAtPeriodEnd])
                ON t.[Currency] = s.[Currency] AND t.[Frequency] = s.[Frequency] AND t.[AmountCents] = s.[AmountCents]
                    AND t.[Paused] = s.[Paused] AND t.[CancelAtPeriodEnd] = s.[CancelAtPeriodEnd]
                WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + {delta}
                WHEN NOT MATCHED THEN INSERT ([Currency], [Frequency], [AmountCents], [Paused], [CancelAtPeriodEnd], [Count])
                    VALUES (s.[Currency], s.[Frequency], s.[AmountCents], s.[Paused], s.[CancelAtPeriodEnd], {delta});
                """, ct)
            : db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReportLiveGifts" ("Currency", "Frequency", "AmountCents", "Paused", "CancelAtPeriodEnd", "Count")
                VALUES ({currency}, {frequency}, {amount}, {paused}, {ending}, {delta})
                ON CONFLICT ("Currency", "Frequency", "AmountCents", "Paused", "CancelAtPeriodEnd")
                DO UPDATE SET "Count" = "ReportLiveGifts"."Count" + excluded."Count"
                """, ct);
    }

    /// <summary>Every row from the ledger, for <c>reports rebuild</c>: one grouped read of the live contributions.</summary>
    public static async Task<int> RebuildAsync(SupportDbContext db, CancellationToken ct)
    {
        await db.ReportLiveGifts.ExecuteDeleteAsync(ct);
        var groups = await db.Contributions.Where(ContributionRules.Live)
            .GroupBy(c => new { c.Currency, c.Frequency, c.AmountCents, c.Paused, c.CancelAtPeriodEnd })
            .Select(g => new ReportLiveGift
            {
                Currency = g.Key.Currency, Frequency = g.Key.Frequency, AmountCents = g.Key.AmountCents, Paused = g.Key.Paused,
                CancelAtPeriodEnd = g.Key.CancelAtPeriodEnd, Count = g.Count(),
            })
            .ToListAsync(ct);
        db.ReportLiveGifts.AddRange(groups);
        await db.SaveChangesAsync(ct);
        return groups.Count;
    }

    private static LiveKey Of(ReportLiveGift g) => new(g.Currency, g.Frequency, g.AmountCents, g.Paused, g.CancelAtPeriodEnd);

    private static void Add(Dictionary<LiveKey, int> totals, PropertyValues v, int sign)
    {
        if (!ContributionRules.IsLive(v.GetValue<ContributionStatus>(nameof(Contribution.Status))))
        {
            return;
        }
        var key = new LiveKey(v.GetValue<string>(nameof(Contribution.Currency)), v.GetValue<GiftFrequency>(nameof(Contribution.Frequency)),
            v.GetValue<long>(nameof(Contribution.AmountCents)), v.GetValue<bool>(nameof(Contribution.Paused)),
            v.GetValue<bool>(nameof(Contribution.CancelAtPeriodEnd)));
        totals[key] = totals.GetValueOrDefault(key) + sign;
    }
}
