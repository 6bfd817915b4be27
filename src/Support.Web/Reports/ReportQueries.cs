using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Supporters;
using Support.Web.Shared;

namespace Support.Web.Reports;

/// <summary>
/// Computes report figures in the database: filtered, grouped aggregates that EF translates for SQLite and SQL
/// Server (grouping by year and month parts; sums of long cents only). Definitions: docs/reports.md.
/// </summary>
public sealed class ReportQueries(SupportDbContext db, TimeProvider time)
{
    /// <summary>Monthly amounts by range of cents; each is labelled in the report's currency (e.g. "$3–4", "€25+").</summary>
    private static readonly (long Min, long? Max, long LowestShown)[] Buckets =
        [(0, 300, 200), (300, 500, 300), (500, 1000, 500), (1000, 2500, 1000), (2500, null, 2500)];

    private static string Label((long Min, long? Max, long LowestShown) bucket, string currency) => bucket switch
    {
        { Max: null } => Money.FormatShort(bucket.LowestShown, currency) + "+",
        { Max: { } max } when max - bucket.LowestShown <= 100 => Money.FormatShort(bucket.LowestShown, currency),
        { Max: { } max } => Money.FormatShort(bucket.LowestShown, currency) + "–" + ((max - 1) / 100).ToString(CultureInfo.InvariantCulture),
    };

    public async Task<ReportSummary> SummaryAsync(ReportRange range, CancellationToken ct)
    {
        // About a hundred small queries: one connection for all of them rather than one opened per query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await ComputeAsync(range, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<ReportSummary> ComputeAsync(ReportRange range, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Kept beside the ledger for the supporters each save touches (ActiveSupporters).
        var activeSupporters = await db.ReportActiveSupporters.CountAsync(s => s.Currency == range.Currency, ct);
        // Annual gifts count a twelfth each; one-time gifts are never live, so never in MRR (ReportMrr).
        var gifts = await LiveGifts.ReadAsync(db, range.Currency, ct);
        var months = await MonthFiguresQuery.MonthsAsync(db, range, now, gifts.MrrCents, ct);
        return new ReportSummary(
            range.Currency,
            ReportRange.MonthKey(range.From),
            ReportRange.MonthKey(range.To.AddMonths(-1)),
            now,
            activeSupporters,
            gifts.MrrCents,
            Amounts(gifts, range.Currency),
            months,
            await RemindersAsync(range, ct),
            await FunnelAsync(range, ct),
            await CancellationsAsync(range, gifts, ct),
            await UnknownStatusesAsync(ct),
            await db.KeepingAsync(range.Currency, range.From, range.To, gifts, ct),
            months.Sum(m => m.OneTimeRevenueCents));
    }

    /// <summary>Statuses Stripe sent that Support does not know: counted apart, never folded into another state.</summary>
    private async Task<IReadOnlyList<UnknownStatus>> UnknownStatusesAsync(CancellationToken ct) =>
        (await db.Contributions.Where(c => c.Status == ContributionStatus.Unknown)
            .GroupBy(c => c.StripeStatus ?? "")
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new UnknownStatus(g.Status, g.Count)).OrderBy(g => g.StripeStatus, StringComparer.Ordinal).ToList();

    private async Task<CancellationFigures> CancellationsAsync(ReportRange range, LiveGifts gifts, CancellationToken ct)
    {
        var ending = gifts.EndingAtPeriodEnd;
        var requested = db.Contributions.Where(c => c.Currency == range.Currency
            && c.CancelRequestedAt >= range.From && c.CancelRequestedAt < range.To);
        var reasons = await requested.Where(c => c.CancellationReason != null)
            .GroupBy(c => c.CancellationReason!)
            .Select(g => new { Reason = g.Key, Count = g.Count() })
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason).Take(20).ToListAsync(ct);
        return new CancellationFigures(ending, await requested.CountAsync(ct), reasons.Select(r => new ReasonCount(r.Reason, r.Count)).ToList());
    }

    /// <summary>The monthly gifts' amounts now: how many, average, median (the middle one or the middle two), distribution.</summary>
    private static AmountStatistics Amounts(LiveGifts gifts, string currency)
    {
        var amounts = gifts.MonthlyAmounts();
        var count = amounts.Sum(a => a.Count);
        if (count == 0)
        {
            return new AmountStatistics(0, 0, 0, Buckets.Select(b => new AmountBucket(Label(b, currency), b.Min, b.Max, 0)).ToList());
        }
        var total = amounts.Sum(a => a.AmountCents * a.Count);
        long[] middle = count % 2 == 0
            ? [LiveGifts.AmountAt(amounts, count / 2 - 1), LiveGifts.AmountAt(amounts, count / 2)]
            : [LiveGifts.AmountAt(amounts, count / 2)];
        var distribution = Buckets.Select(b => new AmountBucket(Label(b, currency), b.Min, b.Max,
            amounts.Where(a => a.AmountCents >= b.Min && (b.Max is not { } max || a.AmountCents < max)).Sum(a => a.Count))).ToList();
        return new AmountStatistics(count, RoundedDivide(total, count), RoundedDivide(middle.Sum(), middle.Length), distribution);
    }

    /// <summary>
    /// The reminders scheduled (signed up for) in the range, and what became of them: sent, unsubscribed, and
    /// converted (sent, and the email started a contribution in any currency within 30 days after the send).
    /// </summary>
    private async Task<ReminderFigures> RemindersAsync(ReportRange range, CancellationToken ct)
    {
        var (from, to) = (range.From, range.To);
        var cohort = db.Reminders.Where(r => r.CreatedAt >= from && r.CreatedAt < to);
        var byStatus = await cohort.GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        // Kept on each reminder with every contribution change (ReminderConversions).
        var converted = await cohort.CountAsync(r => r.Status == EmailStatus.Sent && r.SentAt != null && r.Converted, ct);
        int Count(EmailStatus status) => byStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
        return new ReminderFigures(byStatus.Sum(s => s.Count), Count(EmailStatus.Sent), Count(EmailStatus.Cancelled), converted);
    }

    private async Task<IReadOnlyList<ArticleFunnel>> FunnelAsync(ReportRange range, CancellationToken ct)
    {
        var (from, to) = (range.From, range.To);
        // Each group names its article by a seek on the unique slug: a list of every slug as parameters would outgrow
        // SQL Server's 2,100 once thousands of embedded pages have shown the prompt.
        var prompts = await db.PromptDailyStats.Where(s => s.Day >= from && s.Day < to)
            .GroupBy(s => s.ArticleSlug)
            .Select(g => new
            {
                Slug = g.Key, Views = g.Sum(s => s.Views), Starts = g.Sum(s => s.CheckoutStarts),
                Title = db.Articles.Where(a => a.Slug == g.Key).Select(a => a.Title).FirstOrDefault(),
            })
            .ToDictionaryAsync(p => p.Slug, ct);
        // New gifts per article and month are kept with every ledger change (GiftCounts).
        var supporters = await db.ReportArticleMonths.Where(m => m.Month >= from && m.Month < to)
            .GroupBy(m => m.ArticleSlug)
            .Select(g => new { Slug = g.Key, Count = g.Sum(m => m.NewGifts), Title = db.Articles.Where(a => a.Slug == g.Key).Select(a => a.Title).FirstOrDefault() })
            .Where(g => g.Count != 0)
            .ToDictionaryAsync(s => s.Slug, ct);
        return prompts.Keys.Union(supporters.Keys).Select(slug =>
            {
                var views = prompts.GetValueOrDefault(slug);
                var gifts = supporters.GetValueOrDefault(slug);
                var count = gifts?.Count ?? 0;
                var viewCount = views?.Views ?? 0;
                return new ArticleFunnel(slug, viewCount, views?.Starts ?? 0, count, viewCount == 0 ? null : (double)count / viewCount,
                    views?.Title ?? gifts?.Title);
            })
            .OrderByDescending(f => f.PromptViews).ThenBy(f => f.ArticleSlug, StringComparer.Ordinal).ToList();
    }

    /// <summary>Integer division rounded half away from zero, so averages stay whole cents.</summary>
    private static long RoundedDivide(long total, long count) => (long)Math.Round((decimal)total / count, MidpointRounding.AwayFromZero);
}
