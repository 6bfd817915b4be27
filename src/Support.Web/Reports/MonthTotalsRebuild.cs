using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reports;
using Support.Data.Supporters;
using Support.Web.Data;

namespace Support.Web.Reports;

/// <summary>
/// <c>reports rebuild</c>: recomputes every <see cref="ReportMonth"/>, gift count (<see cref="GiftCounts"/>) and
/// reminder conversion from the ledger in one transaction, after a bulk insert (<c>demo seed</c>) or a hand edit that bypassed the deltas. Reads each ledger row once.
/// </summary>
public static class MonthTotalsRebuild
{
    public static async Task<int> RunAsync(SupportDbContext db, CancellationToken ct) =>
        await db.InTransactionAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await db.ReportMonths.ExecuteDeleteAsync(token);
            var totals = new Dictionary<MonthKey, ReportMonth>();
            await foreach (var p in db.Payments.AsNoTracking().Select(p => new
                { p.Currency, p.Contribution.Frequency, p.Contribution.CancelledAt, p.Status, p.AmountCents, p.RefundedCents, p.DisputeLossCents, p.CreatedAt, p.PaidAt, p.FirstFailedAt })
                .AsAsyncEnumerable().WithCancellation(token))
            {
                MonthTotals.AddPayment(totals, p.Currency, new PaymentGift(p.Frequency, p.CancelledAt), p.Status, p.AmountCents, p.RefundedCents, p.DisputeLossCents,
                    p.CreatedAt, p.PaidAt, p.FirstFailedAt, 1);
            }
            await foreach (var g in db.Contributions.AsNoTracking().Where(ContributionRules.Real).Where(c => c.Frequency == GiftFrequency.Year)
                .Select(c => new AnnualGift(c.Currency, c.StartedAt, c.CancelledAt, c.AmountCents,
                    c.Payments.Select(p => new AnnualInvoice(p.CreatedAt, p.AmountCents)).ToList()))
                .AsAsyncEnumerable().WithCancellation(token))
            {
                AnnualGifts.Add(totals, g, 1);
            }
            await foreach (var c in db.Contributions.AsNoTracking().Select(c => new { c.Currency, c.Frequency, c.Status, c.StartedAt, c.CancelledAt })
                .AsAsyncEnumerable().WithCancellation(token))
            {
                MonthTotals.AddContribution(totals, c.Currency, c.Frequency, c.Status, c.StartedAt, c.CancelledAt, 1);
            }
            // Each sum is already a row of its key.
            db.ReportMonths.AddRange(totals.Values.Where(m => !MonthTotals.IsZero(m)));
            await db.SaveChangesAsync(token);
            db.ChangeTracker.Clear();
            var rows = totals.Count + await GiftCounts.RebuildAsync(db, token);
            await ReminderConversions.RecomputeAsync(db, null, token);
            await ActiveSupporters.RecomputeAsync(db, null, token);
            return rows;
        }, ct);
}
