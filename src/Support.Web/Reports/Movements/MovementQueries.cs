using System.Linq.Expressions;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// Reads what the movements need for a range and hands it to <see cref="MrrMovements"/>: the currency's recurring
/// gifts (the range's, and every supporter's first recurring start), the invoices issued from the month before the
/// range to its end from the covering index (ContributionId, CreatedAt, AmountCents), and each annual gift's latest
/// invoice before that. Still reads every such gift, so it is its own page and endpoint, never part of the fast
/// summary (docs/reports.md, "Speed").
/// </summary>
public sealed class MovementQueries(SupportDbContext db, TimeProvider time)
{
    /// <summary>A monthly gift's invoice: which of the report's months it was issued in (0 = the month before the range).</summary>
    private sealed record MonthlyInvoice(long ContributionId, int Month, long AmountCents);

    /// <summary>The report, and the drill-down rows <paramref name="rows"/> asks for by month key and kind (none when null).</summary>
    public async Task<(MrrMovementReport Report, IReadOnlyList<MovementRow> Rows)> ComputeAsync(ReportRange range,
        Func<string, MovementKind, bool>? rows, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (currency, start, to) = (range.Currency, range.From.AddMonths(-1), range.To);
        var months = MrrLedger.MonthIndex(start, to);
        var recurring = db.Contributions.AsNoTracking().Where(c => c.Currency == currency && c.Frequency != GiftFrequency.Once);
        var all = await recurring
            .Select(c => new MovementGift(c.Id, c.SupporterId, c.Frequency, c.AmountCents, c.Status, c.Paused, c.StartedAt, c.CancelledAt, c.EndReason))
            .ToListAsync(ct);
        // From each gift to its invoices of the range on the covering index, so the Payments table is never read; each
        // invoice is added to its gift's months as it is read, never kept. A monthly gift needs only each month's sum,
        // so the database names the month and no issue time is read.
        var invoices = new Dictionary<long, InvoiceMonths>();
        InvoiceMonths Of(long id) => CollectionsMarshal.GetValueRefOrAddDefault(invoices, id, out _) ??= new InvoiceMonths(months);
        IQueryable<Payment> InRange(GiftFrequency frequency) => recurring.Where(c => c.Frequency == frequency)
            .SelectMany(c => c.Payments).Where(p => p.CreatedAt >= start && p.CreatedAt < to);
        await foreach (var invoice in InRange(GiftFrequency.Month)
            .Select(MonthlyInvoiceOf(range.Months().Prepend(start).ToList())).AsAsyncEnumerable().WithCancellation(ct))
        {
            Of(invoice.ContributionId).Add(invoice.Month, invoice.AmountCents);
        }
        await foreach (var invoice in InRange(GiftFrequency.Year)
            .Select(p => new { p.ContributionId, p.CreatedAt, p.AmountCents }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Of(invoice.ContributionId).Add(MrrLedger.MonthIndex(start, invoice.CreatedAt), invoice.CreatedAt, invoice.AmountCents);
        }
        // An annual gift's MRR before its first invoice of the range is a twelfth of its latest one before it, which may
        // be up to a year older (on a tie of issue times the smaller amount, as InvoiceMonths takes within a month).
        var earlier = (await recurring.Where(c => c.Frequency == GiftFrequency.Year)
                .Select(c => new
                {
                    c.Id,
                    Cents = c.Payments.Where(p => p.CreatedAt < start).OrderByDescending(p => p.CreatedAt).ThenBy(p => p.AmountCents)
                        .Select(p => (long?)p.AmountCents).FirstOrDefault(),
                })
                .ToListAsync(ct))
            .Where(e => e.Cents is not null).ToDictionary(e => e.Id, e => e.Cents!.Value);
        var gifts = all.Where(g => (g.StartedAt < to && (g.CancelledAt == null || g.CancelledAt >= start)) || invoices.ContainsKey(g.ContributionId))
            .ToList();
        var firstStarts = all.Where(g => ContributionRules.IsReal(g.Status)).GroupBy(g => g.SupporterId)
            .ToDictionary(s => s.Key, s => s.Min(g => g.StartedAt));
        var emails = rows is null ? null : await db.Supporters.AsNoTracking()
            .Where(s => s.Contributions.Any(c => c.Currency == currency && c.Frequency != GiftFrequency.Once))
            .Select(s => new { s.Id, s.Email }).ToDictionaryAsync(s => s.Id, s => (string?)s.Email, ct);
        return MrrMovements.Compute(new MrrMovements.Input(gifts, invoices, earlier, firstStarts, range, MonthTotals.MonthOf(now), now,
            rows, emails));
    }

    /// <summary>
    /// An invoice with the index of its month among <paramref name="months"/> (consecutive month starts), found by the
    /// database in a few comparisons of the indexed issue time (halving the months each time), never a date function.
    /// </summary>
    private static Expression<Func<Payment, MonthlyInvoice>> MonthlyInvoiceOf(IReadOnlyList<DateTime> months)
    {
        var p = Expression.Parameter(typeof(Payment), "p");
        var createdAt = Expression.Property(p, nameof(Payment.CreatedAt));
        Expression Between(int first, int last)
        {
            if (first == last)
            {
                return Expression.Constant(first);
            }
            var middle = (first + last + 1) / 2;
            return Expression.Condition(Expression.LessThan(createdAt, Expression.Constant(months[middle])),
                Between(first, middle - 1), Between(middle, last));
        }
        var constructor = typeof(MonthlyInvoice).GetConstructors().Single();
        return Expression.Lambda<Func<Payment, MonthlyInvoice>>(Expression.New(constructor,
            Expression.Property(p, nameof(Payment.ContributionId)), Between(0, months.Count - 1),
            Expression.Property(p, nameof(Payment.AmountCents))), p);
    }
}
