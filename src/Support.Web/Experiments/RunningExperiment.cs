using Support.Web.Prompt;

namespace Support.Web.Experiments;

/// <summary>
/// One variant's changes to the prompt, as stored (null: the publisher's default copy). Immutable while its
/// experiment lives, so a page rendered with it can be cached under its id.
/// </summary>
public sealed record VariantCopy(
    long Id,
    long ExperimentId,
    string Name,
    int Weight,
    string? Heading,
    IReadOnlyList<string>? Paragraphs,
    IReadOnlyList<long>? PresetAmountsCents,
    long? DefaultAmountCents,
    string? DefaultFrequency,
    PromptPlacement? Placement,
    string? ButtonText);

/// <summary>
/// A running experiment as the page path sees it (from memory, never the database): its variants and the share of
/// new browsers each receives (the stored weights, or the bandit's current split).
/// </summary>
public sealed record RunningExperiment(long Id, string Name, IReadOnlyList<VariantCopy> Variants, IReadOnlyList<double> Shares)
{
    public static RunningExperiment WithStoredWeights(long id, string name, IReadOnlyList<VariantCopy> variants) =>
        new(id, name, variants, [.. variants.Select(v => (double)v.Weight)]);

    /// <summary>The variant for a fresh browser: <paramref name="random"/> in [0, 1) falls in one share of the total.</summary>
    public VariantCopy Pick(double random)
    {
        var total = Shares.Sum();
        var point = Math.Clamp(random, 0, 1) * total;
        for (var i = 0; i < Variants.Count; i++)
        {
            point -= Shares[i];
            if (point < 0)
            {
                return Variants[i];
            }
        }
        return Variants[^1];
    }
}
