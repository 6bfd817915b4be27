using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// The per-month figures of a summary from the month totals kept with every ledger change (<see cref="ReportMonth"/>,
/// one row per currency, month and gift frequency; ADR 0015): one read of the range's rows, plus one read of the annual gifts
/// for MRR at each month's end, whatever the number of months. Definitions: docs/reports.md ("Per month").
/// </summary>
public static class MonthFiguresQuery
{
    public static async Task<IReadOnlyList<MonthFigures>> MonthsAsync(SupportDbContext db, ReportRange range, DateTime now, long mrrNow, CancellationToken ct)
    {
        var currency = range.Currency;
        var currentMonth = MonthTotals.MonthOf(now);
        var rows = (await db.ReportMonths.AsNoTracking()
                .Where(m => m.Currency == currency && m.Month >= range.From && m.Month < range.To).ToListAsync(ct))
            .ToLookup(m => (m.Month, m.Frequency));
        // MRR at the end of each past month of the range; the current month's is now, later months have none.
        var pastEnd = range.To < currentMonth ? range.To : currentMonth;
        var annual = range.From < pastEnd ? await AnnualAtMonthEndsAsync(db, currency, range.From, pastEnd, ct) : [];
        ReportMonth Row(DateTime month, GiftFrequency frequency) => rows[(month, MonthTotals.Key(frequency))].SingleOrDefault()
            ?? new ReportMonth { Currency = currency, Month = month, Frequency = MonthTotals.Key(frequency) };
        var months = new List<MonthFigures>();
        foreach (var from in range.Months())
        {
            var (monthly, yearly, once) = (Row(from, GiftFrequency.Month), Row(from, GiftFrequency.Year), Row(from, GiftFrequency.Once));
            ReportMonth[] every = [monthly, yearly, once];
            // A one-time gift is not a new supporter (it has a revenue line of its own) and never ends.
            var news = monthly.NewSupporters + yearly.NewSupporters;
            var cancelled = monthly.CancelledSupporters + yearly.CancelledSupporters;
            var mrr = from == currentMonth ? mrrNow
                : from > currentMonth ? 0
                : MonthlyAtEnd(monthly) + annual.GetValueOrDefault(from);
            months.Add(new MonthFigures(ReportRange.MonthKey(from), news, cancelled, news - cancelled, every.Sum(r => r.RevenueCents), mrr,
                every.Sum(r => r.FailedPayments), every.Sum(r => r.RecoveredPayments), once.PaidPayments, once.RevenueCents));
        }
        return months;
    }

    /// <summary>
    /// Monthly billing: each live monthly contribution has one invoice per calendar month, so the monthly invoices issued
    /// in a month, less those of contributions that ended later that same month (both kept in the <c>month</c> row), are
    /// the amounts in force at its end.
    /// </summary>
    private static long MonthlyAtEnd(ReportMonth monthly) => monthly.IssuedCents - monthly.EndedIssuedCents;

    /// <summary>
    /// Annual gifts in force at each month's end (started before it ended, not ended by then) add a twelfth each of
    /// their latest invoice issued by then (their amount if none yet), so a raised annual amount counts from the renewal
    /// that bills it, as a monthly one does (MrrLedger, ReportMonths). One read of the range's annual gifts and their
    /// invoices (on the frequency index), summed per month here.
    /// </summary>
    private static async Task<Dictionary<DateTime, long>> AnnualAtMonthEndsAsync(SupportDbContext db, string currency, DateTime from, DateTime to, CancellationToken ct)
    {
        var gifts = await db.Contributions.Where(ContributionRules.Real)
            .Where(c => c.Frequency == GiftFrequency.Year && c.Currency == currency && c.StartedAt < to && (c.CancelledAt == null || c.CancelledAt >= from))
            .Select(c => new
            {
                c.StartedAt, c.CancelledAt, c.AmountCents,
                Invoices = c.Payments.Where(p => p.CreatedAt < to).Select(p => new { p.CreatedAt, p.AmountCents }).ToList(),
            })
            .AsNoTracking().ToListAsync(ct);
        var totals = new Dictionary<DateTime, long>();
        for (var month = from; month < to; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1);
            totals[month] = gifts.Where(g => g.StartedAt < end && (g.CancelledAt is null || g.CancelledAt >= end))
                .Sum(g => ReportMrr.MonthlyCents(GiftFrequency.Year,
                    g.Invoices.Where(i => i.CreatedAt < end).MaxBy(i => i.CreatedAt)?.AmountCents ?? g.AmountCents));
        }
        return totals;
    }
}
