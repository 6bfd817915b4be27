using System.ComponentModel.DataAnnotations;
using Support.Data.Supporters;

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
    /// <summary>Annual gifts: presets (default 24, 60, 120), limits and button ("Support us every year").</summary>
    public GiftOptions Annual { get; set; } = new();

    /// <summary>One-time gifts: presets (default 10, 25, 50), limits and button ("Give {amount} once").</summary>
    public GiftOptions OneTime { get; set; } = new();

    /// <summary>The presets, limits and button of one frequency, with the defaults filled in.</summary>
    public GiftLimits For(GiftFrequency frequency) => frequency switch
    {
        GiftFrequency.Month => new(frequency, PresetAmountsCents, DefaultAmountCents, MinimumAmountCents, MaximumAmountCents, ButtonText),
        GiftFrequency.Year => Fill(frequency, Annual, [2400, 6000, 12000], 2400, 1_000_000, "Support us every year"),
        GiftFrequency.Once => Fill(frequency, OneTime, [1000, 2500, 5000], 200, 1_000_000, "Give {amount} once"),
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown gift frequency."),
    };

    private static GiftLimits Fill(GiftFrequency frequency, GiftOptions gift, long[] presets, long minimum, long maximum, string button)
    {
        var chosen = gift.PresetAmountsCents.Length > 0 ? gift.PresetAmountsCents : presets;
        return new(frequency, chosen,
            gift.DefaultAmountCents > 0 ? gift.DefaultAmountCents : chosen[chosen.Length / 2],
            gift.MinimumAmountCents > 0 ? gift.MinimumAmountCents : minimum,
            gift.MaximumAmountCents > 0 ? gift.MaximumAmountCents : maximum,
            string.IsNullOrWhiteSpace(gift.ButtonText) ? button : gift.ButtonText);
    }

    /// <summary>The monthly amount the thank-you page after a one-time gift suggests; 0 means the monthly default.</summary>
    [Range(0, 99_999_999)]
    public long UpsellMonthlyAmountCents { get; set; }

    public long UpsellCents => UpsellMonthlyAmountCents > 0 ? UpsellMonthlyAmountCents : DefaultAmountCents;

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
        foreach (var (name, frequency) in new[] { ("Annual", GiftFrequency.Year), ("OneTime", GiftFrequency.Once) })
        {
            var limits = For(frequency);
            if (limits.MinimumCents > limits.MaximumCents)
            {
                yield return new ValidationResult($"Prompt:{name}:MinimumAmountCents must not exceed Prompt:{name}:MaximumAmountCents.");
            }
            if (limits.Presets.Any(a => a < limits.MinimumCents || a > limits.MaximumCents) || !limits.Presets.Contains(limits.DefaultCents))
            {
                yield return new ValidationResult($"Every Prompt:{name}:PresetAmountsCents entry, and Prompt:{name}:DefaultAmountCents, must lie between its minimum and maximum amounts, and the default must be one of the presets.");
            }
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
