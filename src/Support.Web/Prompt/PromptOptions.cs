using System.ComponentModel.DataAnnotations;

namespace Support.Web.Prompt;

/// <summary>The publisher's appeal, as the seed article shows it. Every word is configurable.</summary>
public sealed class PromptOptions : IValidatableObject
{
    public const string Section = "Prompt";

    [Required(AllowEmptyStrings = false)]
    public string Publisher { get; set; } = "";

    /// <summary>Heading; "{Publisher}" is replaced by the publisher's name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Heading { get; set; } = "A Message from {Publisher}";

    public string Salutation { get; set; } = "Dear readers,";

    /// <summary>The appeal, one entry per paragraph.</summary>
    [MinLength(1)]
    public string[] Paragraphs { get; set; } = [];

    /// <summary>Preset monthly amounts in cents, shown as buttons (no code default: the binder would append to it).</summary>
    [MinLength(1)]
    public long[] PresetAmountsCents { get; set; } = [];

    /// <summary>The preset chosen when the prompt opens.</summary>
    public long DefaultAmountCents { get; set; } = 500;

    [Range(50, long.MaxValue)]
    public long MinimumAmountCents { get; set; } = 200;

    [Range(50, 99_999_999)]
    public long MaximumAmountCents { get; set; } = 100_000;

    public PromptPlacement Placement { get; set; } = PromptPlacement.Banner;

    [Required(AllowEmptyStrings = false)]
    public string ButtonText { get; set; } = "Support us monthly";

    public string HeadingText => WithPublisher(Heading);

    /// <summary>Copy with "{Publisher}" replaced by the publisher's name (also in experiment variants).</summary>
    public string WithPublisher(string text) => text.Replace("{Publisher}", Publisher, StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumAmountCents > MaximumAmountCents)
        {
            yield return new ValidationResult("Prompt:MinimumAmountCents must not exceed Prompt:MaximumAmountCents.");
        }
        if (PresetAmountsCents.Any(a => a < MinimumAmountCents || a > MaximumAmountCents))
        {
            yield return new ValidationResult("Every Prompt:PresetAmountsCents entry must lie between the minimum and maximum amounts.");
        }
    }
}

public enum PromptPlacement
{
    /// <summary>A panel over the lower part of the article (inline after the article without JavaScript).</summary>
    Banner,
    /// <summary>After the article body.</summary>
    Inline,
}
