using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// Reads what the movements need for a range (the recurring gifts of the currency that could have MRR in it or the
/// month before, their invoices, each supporter's first recurring start) and hands it to <see cref="MrrMovements"/>.
/// Reads every such gift, so it is its own page and endpoint, never part of the fast summary (docs/reports.md).
/// </summary>
public sealed class MovementQueries(SupportDbContext db, TimeProvider time)
{
    public async Task<(MrrMovementReport Report, IReadOnlyList<MovementRow> Rows)> ComputeAsync(ReportRange range, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (currency, start, to) = (range.Currency, range.From.AddMonths(-1), range.To);
        var recurring = db.Contributions.AsNoTracking().Where(c => c.Currency == currency && c.Frequency != GiftFrequency.Once);
        var gifts = await recurring
            .Where(c => (c.StartedAt < to && (c.CancelledAt == null || c.CancelledAt >= start))
                || c.Payments.Any(p => p.CreatedAt >= start && p.CreatedAt < to))
            .Select(c => new MovementGift(c.Id, c.SupporterId, c.Supporter.Email, c.Frequency, c.AmountCents, c.Status, c.Paused,
                c.StartedAt, c.CancelledAt, c.EndReason))
            .ToListAsync(ct);
        var ids = gifts.Select(g => g.ContributionId).ToHashSet();
        // Monthly gifts need the range's invoices; an annual gift its latest invoice, which may be up to a year older.
        var invoices = (await db.Payments.AsNoTracking()
                .Where(p => p.Currency == currency && p.CreatedAt < to && p.Contribution.Frequency != GiftFrequency.Once
                    && (p.CreatedAt >= start || p.Contribution.Frequency == GiftFrequency.Year))
                .Select(p => new MovementInvoice(p.ContributionId, p.CreatedAt, p.AmountCents))
                .ToListAsync(ct))
            .Where(i => ids.Contains(i.ContributionId)).ToLookup(i => i.ContributionId);
        var supporters = gifts.Select(g => g.SupporterId).ToHashSet();
        var firstStarts = (await recurring.Where(ContributionRules.Real)
                .GroupBy(c => c.SupporterId).Select(g => new { g.Key, First = g.Min(c => c.StartedAt) }).ToListAsync(ct))
            .Where(f => supporters.Contains(f.Key)).ToDictionary(f => f.Key, f => f.First);
        var currentMonth = MonthTotals.MonthOf(now);
        return MrrMovements.Compute(new MrrMovements.Input(gifts, invoices, firstStarts, range, currentMonth, now));
    }
}
