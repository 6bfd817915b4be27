using System.Globalization;
using Support.Data.Experiments;

namespace Support.Web.Experiments;

/// <summary>
/// One variant's figures on the results page and in <c>GET /staff/api/experiments/{id}</c>.
/// <see cref="ProbabilityBeatsControl"/>: P(this variant converts better than the first); null for the first.
/// </summary>
public sealed record VariantResult(
    long Id,
    string Name,
    int Weight,
    string? Heading,
    long Views,
    long Dismissals,
    long Reminders,
    long CheckoutStarts,
    long Gifts,
    double ConversionPer1000,
    double ConversionPer1000Low,
    double ConversionPer1000High,
    long RevenueCents,
    double RevenuePer1000ViewsCents,
    long MrrCents,
    double? ProbabilityBeatsControl);

public sealed record ExperimentResult(
    long Id,
    string Name,
    string Status,
    string Mode,
    IReadOnlyList<string>? Articles,
    DateTime StartedAt,
    DateTime? StoppedAt,
    long? WinnerVariantId,
    string Currency,
    IReadOnlyList<VariantResult> Variants,
    string Verdict);

public static class ExperimentResults
{
    /// <summary>The probability at which the verdict names a winner.</summary>
    public const double Confident = 0.95;

    public static ExperimentResult Build(Experiment experiment, IReadOnlyDictionary<long, VariantOutcome> outcomes, string currency)
    {
        var variants = experiment.Variants.OrderBy(v => v.Position).ToList();
        var control = variants[0];
        var controlGifts = outcomes.GetValueOrDefault(control.Id).Gifts;
        var rows = variants.Select(v =>
        {
            var outcome = outcomes.GetValueOrDefault(v.Id);
            var (low, high) = ExperimentStatistics.WilsonInterval(outcome.Gifts, v.Views);
            return new VariantResult(v.Id, v.Name, v.Weight, v.Heading, v.Views, v.Dismissals, v.Reminders, v.CheckoutStarts,
                outcome.Gifts,
                Per1000(outcome.Gifts, v.Views), Math.Round(low * 1000, 2), Math.Round(high * 1000, 2),
                outcome.RevenueCents,
                Per1000(outcome.RevenueCents, v.Views),
                outcome.MrrCents,
                v == control ? null : Math.Round(ExperimentStatistics.ProbabilityBBeatsA(controlGifts, control.Views, outcome.Gifts, v.Views), 4));
        }).ToList();
        return new ExperimentResult(experiment.Id, experiment.Name, experiment.Status.ToString(), experiment.Mode.ToString(),
            experiment.ArticleSlugs?.Split(','), experiment.StartedAt, experiment.StoppedAt, experiment.WinnerVariantId,
            currency, rows, Verdict(rows));
    }

    /// <summary>
    /// "B beats A with 97% probability" (or A beats the best challenger) at 95% or more; otherwise how many more views
    /// a two-proportion test needs to see a 10% lift over the conversion seen so far.
    /// </summary>
    public static string Verdict(IReadOnlyList<VariantResult> rows)
    {
        var control = rows[0];
        var best = rows.Skip(1).MaxBy(r => r.ProbabilityBeatsControl)!;
        var p = best.ProbabilityBeatsControl!.Value;
        if (p >= Confident)
        {
            return $"{best.Name} beats {control.Name} with {Percent(p)} probability";
        }
        if (1 - p >= Confident)
        {
            return $"{control.Name} beats {best.Name} with {Percent(1 - p)} probability";
        }
        var views = rows.Sum(r => r.Views);
        var gifts = rows.Sum(r => r.Gifts);
        if (gifts == 0)
        {
            return "Not enough data yet: no gifts so far, so no estimate of the views needed.";
        }
        var perVariant = ExperimentStatistics.ViewsPerVariantFor((double)gifts / views)!.Value;
        var more = rows.Sum(r => Math.Max(0, perVariant - r.Views));
        return more == 0
            ? "No clear difference: the variants have had enough views to see a 10% lift, and none shows one."
            : $"Not enough data yet: about {more.ToString("N0", CultureInfo.InvariantCulture)} more views needed for a 10% lift.";
    }

    private static double Per1000(long count, long views) => views == 0 ? 0 : Math.Round(count * 1000.0 / views, 2);

    // Floor, so 94.96% is never printed as a confident "95%".
    private static string Percent(double p) => (Math.Floor(p * 1000) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
