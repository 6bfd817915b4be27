using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>One <see cref="ReportLiveGift"/> row: the live contributions of a currency with one frequency, amount and flags.</summary>
public readonly record struct LiveKey(string Currency, GiftFrequency Frequency, long AmountCents, bool Paused, bool CancelAtPeriodEnd) : IKeptCount
{
    public object NewRow() => new ReportLiveGift
    {
        Currency = Currency, Frequency = Frequency, AmountCents = AmountCents, Paused = Paused, CancelAtPeriodEnd = CancelAtPeriodEnd,
    };

    public string CountProperty => nameof(ReportLiveGift.Count);
}

/// <summary>One <see cref="ReportArticleMonth"/> row: the real contributions started in a month from one article.</summary>
public readonly record struct ArticleMonthKey(string ArticleSlug, DateTime Month) : IKeptCount
{
    public object NewRow() => new ReportArticleMonth { ArticleSlug = ArticleSlug, Month = Month };

    public string CountProperty => nameof(ReportArticleMonth.NewGifts);
}

/// <summary>
/// The gift counts kept beside the ledger (live gifts per amount and flags, new gifts per article and month) as a pure
/// function of single contribution rows, like the month totals (ADR 0021): a save takes back what a contribution's old
/// values counted and adds what its new ones count.
/// </summary>
public static class GiftCounts
{
    /// <summary>The deltas of every tracked contribution change, from original to current values.</summary>
    public static Dictionary<IKeptCount, int> Deltas(ChangeTracker tracker)
    {
        var totals = new Dictionary<IKeptCount, int>();
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

    /// <summary>Every row of both tables from the ledger, for <c>reports rebuild</c>: one grouped read each.</summary>
    public static async Task<int> RebuildAsync(SupportDbContext db, CancellationToken ct)
    {
        await db.ReportLiveGifts.ExecuteDeleteAsync(ct);
        await db.ReportArticleMonths.ExecuteDeleteAsync(ct);
        var live = await db.Contributions.Where(ContributionRules.Live)
            .GroupBy(c => new { c.Currency, c.Frequency, c.AmountCents, c.Paused, c.CancelAtPeriodEnd })
            .Select(g => new ReportLiveGift
            {
                Currency = g.Key.Currency, Frequency = g.Key.Frequency, AmountCents = g.Key.AmountCents, Paused = g.Key.Paused,
                CancelAtPeriodEnd = g.Key.CancelAtPeriodEnd, Count = g.Count(),
            })
            .ToListAsync(ct);
        var started = await db.Contributions.Where(ContributionRules.Real)
            .GroupBy(c => new { Slug = c.ArticleSlug ?? "", c.StartedAt.Year, c.StartedAt.Month })
            .Select(g => new { g.Key.Slug, g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        var articles = started.Select(s => new ReportArticleMonth
        {
            ArticleSlug = s.Slug, Month = new DateTime(s.Year, s.Month, 1, 0, 0, 0, DateTimeKind.Utc), NewGifts = s.Count,
        }).ToList();
        db.ReportLiveGifts.AddRange(live);
        db.ReportArticleMonths.AddRange(articles);
        await db.SaveChangesAsync(ct);
        return live.Count + articles.Count;
    }

    private static void Add(Dictionary<IKeptCount, int> totals, PropertyValues v, int sign)
    {
        var status = v.GetValue<ContributionStatus>(nameof(Contribution.Status));
        if (ContributionRules.IsLive(status))
        {
            Count(totals, new LiveKey(v.GetValue<string>(nameof(Contribution.Currency)), v.GetValue<GiftFrequency>(nameof(Contribution.Frequency)),
                v.GetValue<long>(nameof(Contribution.AmountCents)), v.GetValue<bool>(nameof(Contribution.Paused)),
                v.GetValue<bool>(nameof(Contribution.CancelAtPeriodEnd))), sign);
        }
        if (ContributionRules.IsReal(status))
        {
            Count(totals, new ArticleMonthKey(v.GetValue<string?>(nameof(Contribution.ArticleSlug)) ?? "",
                MonthTotals.MonthOf(v.GetValue<DateTime>(nameof(Contribution.StartedAt)))), sign);
        }
    }

    private static void Count(Dictionary<IKeptCount, int> totals, IKeptCount key, int sign) => totals[key] = totals.GetValueOrDefault(key) + sign;
}
