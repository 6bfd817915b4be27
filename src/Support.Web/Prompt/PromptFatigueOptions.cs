using System.ComponentModel.DataAnnotations;

namespace Support.Web.Prompt;

/// <summary>How often one browser is asked (the Guardian's Epic: 4 views per 30 days) and how long each "no" lasts.</summary>
public sealed class PromptFatigueOptions
{
    public const string Section = "PromptFatigue";

    /// <summary>Full prompts shown at most this many times per <see cref="ImpressionWindow"/>; then the quiet link.</summary>
    [Range(1, 1000)]
    public int ImpressionCap { get; set; } = 4;

    /// <summary>The rolling window of the impression cap.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ImpressionWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long closing the banner hides the prompt in this browser.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan CloseFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a one-time gift hides the prompt (recurring supporters are not asked while they give).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan OneTimeGiftQuietFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The small link shown in place of the prompt once the cap is reached.</summary>
    [Required(AllowEmptyStrings = false)]
    public string QuietLinkText { get; set; } = "Support our journalism";
}
