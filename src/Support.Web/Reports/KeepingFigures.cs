using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Keeping;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// The figures of issue 16, apart so the reports' rework can adopt them (docs/reports.md, "Keeping supporters"):
/// paused contributions and their monthly amounts (left out of MRR), supporters lost to failed payments apart from
/// cancellations, and the save offer's results. Money in cents of the range's currency.
/// </summary>
public sealed record KeepingFigures(
    int PausedContributions,
    long PausedMonthlyCents,
    int InvoluntaryChurn,
    int Cancellations,
    int OffersShown,
    int OffersAccepted,
    int CancelledAfterOffer);

public static class KeepingQueries
{
    /// <summary>Live contributions that are billed: MRR counts these, not paused ones.</summary>
    public static IQueryable<Contribution> Billed(this IQueryable<Contribution> live) => live.Where(c => !c.Paused);

    /// <summary>The range's keeping figures; the paused ones from the live gifts the summary already read.</summary>
    public static async Task<KeepingFigures> KeepingAsync(this SupportDbContext db, string currency, DateTime from, DateTime to, LiveGifts live,
        CancellationToken ct)
    {
        var ended = await db.Contributions.Where(c => c.Currency == currency && c.Status == ContributionStatus.Canceled
                && c.CancelledAt >= from && c.CancelledAt < to)
            .GroupBy(c => c.EndReason == ContributionEndReason.PaymentFailed)
            .Select(g => new { Involuntary = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Involuntary, g => g.Count, ct);
        var offers = db.SaveOffers.Where(o => o.Currency == currency && o.ShownAt >= from && o.ShownAt < to)
            .GroupBy(o => o.Outcome).Select(g => new { Outcome = g.Key, Count = g.Count() });
        var byOutcome = await offers.ToDictionaryAsync(o => o.Outcome, o => o.Count, ct);
        return new KeepingFigures(
            live.Paused,
            live.PausedMonthlyCents,
            ended.GetValueOrDefault(true),
            ended.GetValueOrDefault(false),
            byOutcome.Values.Sum(),
            byOutcome.GetValueOrDefault(SaveOfferOutcome.Accepted),
            byOutcome.GetValueOrDefault(SaveOfferOutcome.Cancelled));
    }
}
