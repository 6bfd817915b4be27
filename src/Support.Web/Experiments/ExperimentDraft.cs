namespace Support.Web.Experiments;

/// <summary>An experiment as posted (JSON API or the staff form); <see cref="ExperimentValidation"/> says what is wrong.</summary>
public sealed class ExperimentDraft
{
    public string? Name { get; set; }
    /// <summary>Article slugs; empty or absent for all articles.</summary>
    public List<string>? Articles { get; set; }
    /// <summary>"split" (default) or "bandit".</summary>
    public string? Mode { get; set; }
    public List<VariantDraft>? Variants { get; set; }
}

public sealed class VariantDraft
{
    public string? Name { get; set; }
    /// <summary>Relative share of new browsers (1–100); absent means 1 (an even split).</summary>
    public int? Weight { get; set; }
    public string? Heading { get; set; }
    public List<string>? Appeal { get; set; }
    public List<long>? PresetAmountsCents { get; set; }
    public long? DefaultAmountCents { get; set; }
    /// <summary>"once", "month" or "year".</summary>
    public string? DefaultFrequency { get; set; }
    /// <summary>"Banner" or "Inline".</summary>
    public string? Placement { get; set; }
    public string? ButtonText { get; set; }
}
