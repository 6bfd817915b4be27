using Support.Data.Supporters;

namespace Support.Web.Prompt;

/// <summary>
/// What one rendering of the support prompt shows: where it sits, what was entered, and any error. <see cref="Copy"/>
/// replaces parts of the publisher's copy (an experiment's variant, or a declared winner); <see cref="VariantId"/> is
/// set while that variant's experiment runs, so the forms carry it for attribution.
/// </summary>
public sealed record PromptModel(
    string ArticleSlug,
    string ReturnUrl,
    PromptPlacement Placement,
    string FormToken,
    long? SelectedAmountCents = null,
    string? CustomAmount = null,
    string? Email = null,
    string? Error = null,
    Support.Web.Experiments.VariantCopy? Copy = null,
    long? VariantId = null,
    GiftFrequency Frequency = GiftFrequency.Month);
