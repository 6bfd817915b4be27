using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// The per-month figures of a summary from the month totals kept with every ledger change (<see cref="ReportMonth"/>,
/// one row per currency, month and gift frequency; ADR 0015): one read of the range's rows, plus one read of the annual rows
/// up to its end for MRR at each month's end, whatever the number of months. Definitions: docs/reports.md ("Per month").
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
    /// Annual gifts in force at each month's end add a twelfth each of their latest invoice issued by then (their amount
    /// if none yet), so a raised annual amount counts from the renewal that bills it, as a monthly one does. The
    /// <c>year</c> rows keep how that share changed each month (<see cref="AnnualGifts"/>): one read of those rows up to
    /// the range's end, added up month by month.
    /// </summary>
    private static async Task<Dictionary<DateTime, long>> AnnualAtMonthEndsAsync(SupportDbContext db, string currency, DateTime from, DateTime to, CancellationToken ct)
    {
        var year = MonthTotals.Key(GiftFrequency.Year);
        var changes = await db.ReportMonths.AsNoTracking().Where(m => m.Currency == currency && m.Frequency == year && m.Month < to)
            .Select(m => new { m.Month, m.AnnualMrrChangeCents }).ToListAsync(ct);
        var totals = new Dictionary<DateTime, long>();
        var sum = changes.Where(c => c.Month < from).Sum(c => c.AnnualMrrChangeCents);
        for (var month = from; month < to; month = month.AddMonths(1))
        {
            sum += changes.Where(c => c.Month == month).Sum(c => c.AnnualMrrChangeCents);
            totals[month] = sum;
        }
        return totals;
    }
}
