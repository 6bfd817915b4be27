using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Experiments;
using Support.Data.Supporters;
using Support.Web.Reports;

namespace Support.Web.Experiments;

/// <summary>What the gifts credited to a variant brought: gifts (one-time ones too), money paid (net of refunds) and their live MRR.</summary>
public readonly record struct VariantOutcome(long Gifts, long RevenueCents, long MrrCents);

public static class ExperimentOutcomes
{
    /// <summary>Credited through <c>Contribution.ExperimentVariantId</c> (from the Checkout Session's metadata); one currency.</summary>
    public static async Task<Dictionary<long, VariantOutcome>> ForAsync(
        SupportDbContext db, IReadOnlyCollection<long> variantIds, string currency, CancellationToken ct)
    {
        var ids = variantIds.ToList();
        var gifts = await db.Contributions.Where(ContributionRules.Real)
            .Where(c => c.ExperimentVariantId != null && ids.Contains(c.ExperimentVariantId.Value))
            .GroupBy(c => c.ExperimentVariantId!.Value)
            .Select(g => new { Id = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        // MRR as the reports count it: billed live gifts, an annual one a twelfth (Reports/ReportMrr).
        var mrr = await db.Contributions.Where(ContributionRules.Live).Billed()
            .Where(c => c.ExperimentVariantId != null && ids.Contains(c.ExperimentVariantId.Value) && c.Currency == currency)
            .GroupBy(c => new { Id = c.ExperimentVariantId!.Value, c.Frequency, c.AmountCents })
            .Select(g => new { g.Key.Id, g.Key.Frequency, g.Key.AmountCents, Count = g.LongCount() })
            .ToListAsync(ct);
        var revenue = await db.Payments
            .Where(p => p.Status == PaymentStatus.Paid && p.Currency == currency
                && p.Contribution.ExperimentVariantId != null && ids.Contains(p.Contribution.ExperimentVariantId.Value))
            .GroupBy(p => p.Contribution.ExperimentVariantId!.Value)
            .Select(g => new { Id = g.Key, Cents = g.Sum(p => p.AmountCents - p.RefundedCents) })
            .ToDictionaryAsync(g => g.Id, g => g.Cents, ct);
        return ids.ToDictionary(id => id, id => new VariantOutcome(
            gifts.GetValueOrDefault(id), revenue.GetValueOrDefault(id),
            mrr.Where(m => m.Id == id).Sum(m => ReportMrr.MonthlyCents(m.Frequency, m.AmountCents) * m.Count)));
    }
}

/// <summary>
/// Bandit mode (epsilon-greedy, as the Guardian's Epic tests): until every variant has
/// <see cref="ExperimentOptions.BanditMinimumViews"/> views, the stored weights; then the variant with the best revenue
/// per 1,000 views takes 1 − ε of new browsers and every variant shares ε evenly (ε = BanditExploreShare).
/// </summary>
public static class BanditShares
{
    public static async Task<IReadOnlyList<double>> ComputeAsync(
        SupportDbContext db, Experiment experiment, string currency, ExperimentOptions options, CancellationToken ct)
    {
        var variants = experiment.Variants.OrderBy(v => v.Position).ToList();
        if (variants.Any(v => v.Views < options.BanditMinimumViews))
        {
            return [.. variants.Select(v => (double)v.Weight)];
        }
        var outcomes = await ExperimentOutcomes.ForAsync(db, [.. variants.Select(v => v.Id)], currency, ct);
        return Split([.. variants.Select(v => (v.Views, outcomes.GetValueOrDefault(v.Id).RevenueCents))], options.BanditExploreShare);
    }

    /// <summary>The shares for (views, revenue) per variant; the first best wins ties.</summary>
    public static double[] Split(IReadOnlyList<(long Views, long RevenueCents)> variants, double explore)
    {
        var best = 0;
        for (var i = 1; i < variants.Count; i++)
        {
            if ((double)variants[i].RevenueCents / variants[i].Views > (double)variants[best].RevenueCents / variants[best].Views)
            {
                best = i;
            }
        }
        var even = explore / variants.Count;
        return [.. variants.Select((_, i) => i == best ? 1 - explore + even : even)];
    }
}
