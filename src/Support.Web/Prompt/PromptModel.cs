namespace Support.Web.Prompt;

/// <summary>What one rendering of the support prompt shows: where it sits, what was entered, and any error.</summary>
public sealed record PromptModel(
    string ArticleSlug,
    string ReturnUrl,
    PromptPlacement Placement,
    string FormToken,
    long? SelectedAmountCents = null,
    string? CustomAmount = null,
    string? Email = null,
    string? Error = null);
