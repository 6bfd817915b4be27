using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Reports;
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
        var live = LiveContributions(range.Currency);
        var activeSupporters = await live.Select(c => c.SupporterId).Distinct().CountAsync(ct);
        // Paused contributions are supporters still, but bill nothing: MRR leaves them out (KeepingFigures has them).
        // Annual gifts count a twelfth each; one-time gifts are never live, so never in MRR (ReportMrr).
        var mrrNow = await live.Billed().Select(ReportMrr.ContributionMonthlyCents).SumAsync(ct);
        var months = await MonthsAsync(range, now, mrrNow, ct);
        return new ReportSummary(
            range.Currency,
            ReportRange.MonthKey(range.From),
            ReportRange.MonthKey(range.To.AddMonths(-1)),
            now,
            activeSupporters,
            mrrNow,
            await AmountsAsync(live.Where(c => c.Frequency == GiftFrequency.Month), range.Currency, ct),
            months,
            await RemindersAsync(range, ct),
            await FunnelAsync(range, ct),
            await CancellationsAsync(range, ct),
            await UnknownStatusesAsync(ct),
            await db.KeepingAsync(range.Currency, range.From, range.To, ct),
            months.Sum(m => m.OneTimeRevenueCents));
    }

    /// <summary>Statuses Stripe sent that Support does not know: counted apart, never folded into another state.</summary>
    private async Task<IReadOnlyList<UnknownStatus>> UnknownStatusesAsync(CancellationToken ct) =>
        (await db.Contributions.Where(c => c.Status == ContributionStatus.Unknown)
            .GroupBy(c => c.StripeStatus ?? "")
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new UnknownStatus(g.Status, g.Count)).OrderBy(g => g.StripeStatus, StringComparer.Ordinal).ToList();

    private async Task<CancellationFigures> CancellationsAsync(ReportRange range, CancellationToken ct)
    {
        var ending = await LiveContributions(range.Currency).CountAsync(c => c.CancelAtPeriodEnd, ct);
        var requested = db.Contributions.Where(c => c.Currency == range.Currency
            && c.CancelRequestedAt >= range.From && c.CancelRequestedAt < range.To);
        var reasons = await requested.Where(c => c.CancellationReason != null)
            .GroupBy(c => c.CancellationReason!)
            .Select(g => new { Reason = g.Key, Count = g.Count() })
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason).Take(20).ToListAsync(ct);
        return new CancellationFigures(ending, await requested.CountAsync(ct), reasons.Select(r => new ReasonCount(r.Reason, r.Count)).ToList());
    }

    /// <summary>Contributions that will be billed again: active, past due (Stripe still retrying) or trialing.</summary>
    private IQueryable<Contribution> LiveContributions(string currency) =>
        db.Contributions.Where(c => c.Currency == currency).Where(ContributionRules.Live);

    private IQueryable<Contribution> RealContributions() => db.Contributions.Where(ContributionRules.Real);

    /// <summary>
    /// The month totals kept with every ledger change (<see cref="ReportMonth"/>, ADR 0015): one read for the range,
    /// plus, for MRR at month end, the issued amounts of the few contributions that ended in the same month.
    /// </summary>
    private async Task<IReadOnlyList<MonthFigures>> MonthsAsync(ReportRange range, DateTime now, long mrrNow, CancellationToken ct)
    {
        var currency = range.Currency;
        var currentMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = await db.ReportMonths.AsNoTracking()
            .Where(m => m.Currency == currency && m.Frequency == MonthTotals.Monthly && m.Month >= range.From && m.Month < range.To)
            .ToDictionaryAsync(m => m.Month, ct);
        var months = new List<MonthFigures>();
        foreach (var from in range.Months())
        {
            var row = rows.GetValueOrDefault(from) ?? new ReportMonth { Currency = currency, Month = from, Frequency = MonthTotals.Monthly };
            var to = from.AddMonths(1);
            // The month totals count every frequency; a one-time gift is not a new supporter (a revenue line of its own).
            var oneTime = await OneTimeAsync(currency, from, to, ct);
            var news = row.NewSupporters - await RealContributions().CountAsync(c => c.Currency == currency
                && c.StartedAt >= from && c.StartedAt < to && c.Frequency == GiftFrequency.Once, ct);
            var mrr = from == currentMonth ? mrrNow
                : from > currentMonth ? 0
                : await MonthEndMrrAsync(currency, from, to, row.IssuedCents, ct);
            months.Add(new MonthFigures(ReportRange.MonthKey(from), news, row.CancelledSupporters,
                news - row.CancelledSupporters, row.RevenueCents, mrr, row.FailedPayments, row.RecoveredPayments,
                oneTime.Count, oneTime.RevenueCents));
        }
        return months;
    }

    /// <summary>
    /// Monthly billing: each live monthly contribution has one invoice per calendar month, so the monthly invoices issued
    /// in a month, less those of contributions that ended later that same month, are the amounts in force at its end.
    /// <paramref name="issuedCents"/> is the month total of every invoice created in the month: the few annual and
    /// one-time invoices are taken back out. Annual gifts in force at the month's end (started before it ended, not
    /// ended by then) add a twelfth each of their latest invoice issued by then (their amount if none yet), so a
    /// raised annual amount counts from the renewal that bills it, as a monthly one does (MrrLedger, ReportMrr).
    /// </summary>
    private async Task<long> MonthEndMrrAsync(string currency, DateTime from, DateTime to, long issuedCents, CancellationToken ct)
    {
        var notMonthly = await db.Payments.Where(p => p.Currency == currency && p.CreatedAt >= from && p.CreatedAt < to
                && p.Contribution.Frequency != GiftFrequency.Month)
            .SumAsync(p => p.AmountCents, ct);
        var issued = issuedCents - notMonthly;
        // From the few contributions that ended in the month to their payments, not the other way round.
        var endedSameMonth = await db.Contributions
            .Where(c => c.Currency == currency && c.CancelledAt >= from && c.CancelledAt < to && c.Frequency == GiftFrequency.Month)
            .SelectMany(c => c.Payments.Where(p => p.CreatedAt >= from && p.CreatedAt < to))
            .SumAsync(p => p.AmountCents, ct);
        var annual = await RealContributions()
            .Where(c => c.Currency == currency && c.Frequency == GiftFrequency.Year && c.StartedAt < to && (c.CancelledAt == null || c.CancelledAt >= to))
            .Select(c => c.Payments.Where(p => p.CreatedAt < to).OrderByDescending(p => p.CreatedAt)
                .Select(p => (long?)p.AmountCents).FirstOrDefault() ?? c.AmountCents)
            .Select(ReportMrr.YearlyMonthlyCents).SumAsync(ct);
        return issued - endedSameMonth + annual;
    }

    /// <summary>One-time gifts paid in the month: how many, and what they brought net of refunds (never in MRR).</summary>
    private async Task<(int Count, long RevenueCents)> OneTimeAsync(string currency, DateTime from, DateTime to, CancellationToken ct)
    {
        var figures = await db.Payments
            .Where(p => p.Currency == currency && p.Status == PaymentStatus.Paid && p.PaidAt >= from && p.PaidAt < to
                && p.Contribution.Frequency == GiftFrequency.Once)
            .GroupBy(p => 1)
            .Select(g => new { Count = g.Count(), Revenue = g.Sum(p => p.AmountCents - p.RefundedCents - p.DisputeLossCents) })
            .SingleOrDefaultAsync(ct);
        return (figures?.Count ?? 0, figures?.Revenue ?? 0);
    }

    private static async Task<AmountStatistics> AmountsAsync(IQueryable<Contribution> live, string currency, CancellationToken ct)
    {
        var count = await live.CountAsync(ct);
        if (count == 0)
        {
            return new AmountStatistics(0, 0, 0, Buckets.Select(b => new AmountBucket(Label(b, currency), b.Min, b.Max, 0)).ToList());
        }
        var total = await live.SumAsync(c => c.AmountCents, ct);
        // Median by an ordered skip/take on the (Status, Currency) index: the middle one or the middle two.
        var middle = await live.OrderBy(c => c.AmountCents).Skip((count - 1) / 2).Take(count % 2 == 0 ? 2 : 1)
            .Select(c => c.AmountCents).ToListAsync(ct);
        var counts = await live
            .GroupBy(c => c.AmountCents < 300 ? 0 : c.AmountCents < 500 ? 1 : c.AmountCents < 1000 ? 2 : c.AmountCents < 2500 ? 3 : 4)
            .Select(g => new { Bucket = g.Key, Count = g.Count() }).ToListAsync(ct);
        var distribution = Buckets.Select((b, i) => new AmountBucket(Label(b, currency), b.Min, b.Max,
            counts.FirstOrDefault(c => c.Bucket == i)?.Count ?? 0)).ToList();
        return new AmountStatistics(count, RoundedDivide(total, count), RoundedDivide(middle.Sum(), middle.Count), distribution);
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
        var converted = await cohort.Where(r => r.Status == EmailStatus.Sent && r.SentAt != null)
            .CountAsync(r => RealContributions().Any(c => c.Supporter.Email == r.Email
                && c.StartedAt >= r.SentAt && c.StartedAt <= r.SentAt!.Value.AddDays(30)), ct);
        int Count(EmailStatus status) => byStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
        return new ReminderFigures(byStatus.Sum(s => s.Count), Count(EmailStatus.Sent), Count(EmailStatus.Cancelled), converted);
    }

    private async Task<IReadOnlyList<ArticleFunnel>> FunnelAsync(ReportRange range, CancellationToken ct)
    {
        var (from, to) = (range.From, range.To);
        var prompts = await db.PromptDailyStats.Where(s => s.Day >= from && s.Day < to)
            .GroupBy(s => s.ArticleSlug)
            .Select(g => new { Slug = g.Key, Views = g.Sum(s => s.Views), Starts = g.Sum(s => s.CheckoutStarts) }).ToListAsync(ct);
        var supporters = await RealContributions().Where(c => c.StartedAt >= from && c.StartedAt < to)
            .GroupBy(c => c.ArticleSlug ?? "")
            .Select(g => new { Slug = g.Key, Count = g.Count() }).ToListAsync(ct);
        return prompts.Select(p => p.Slug).Union(supporters.Select(s => s.Slug)).Select(slug =>
            {
                var views = prompts.FirstOrDefault(p => p.Slug == slug);
                var count = supporters.FirstOrDefault(s => s.Slug == slug)?.Count ?? 0;
                var viewCount = views?.Views ?? 0;
                return new ArticleFunnel(slug, viewCount, views?.Starts ?? 0, count, viewCount == 0 ? null : (double)count / viewCount);
            })
            .OrderByDescending(f => f.PromptViews).ThenBy(f => f.ArticleSlug, StringComparer.Ordinal).ToList();
    }

    /// <summary>Integer division rounded half away from zero, so averages stay whole cents.</summary>
    private static long RoundedDivide(long total, long count) => (long)Math.Round((decimal)total / count, MidpointRounding.AwayFromZero);
}
