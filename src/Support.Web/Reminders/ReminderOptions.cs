using System.ComponentModel.DataAnnotations;
using Support.Web.Email.Outbox;

namespace Support.Web.Reminders;

/// <summary>"Remind me later": the choices offered, the email's words, and how hard we try to deliver it (<see cref="EmailQueueOptions"/>).</summary>
public sealed class ReminderOptions : EmailQueueOptions, IValidatableObject
{
    public const string Section = "Reminders";

    /// <summary>When readers may ask to be reminded (no code default: the binder would append to it).</summary>
    [MinLength(1)]
    public ReminderChoice[] Choices { get; set; } = [];

    /// <summary>Email subject; "{Publisher}" is replaced by the publisher's name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Subject { get; set; } = "A reminder from {Publisher}";

    /// <summary>Email body, one entry per paragraph (plain text; encoded for the HTML part).</summary>
    [MinLength(1)]
    public string[] Paragraphs { get; set; } = [];

    [Required(AllowEmptyStrings = false)]
    public string ButtonText { get; set; } = "Support {Publisher}";

    /// <summary>Signups allowed per client address in each window.</summary>
    [Range(1, 10_000)]
    public int SignupsPerWindow { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignupWindow { get; set; } = TimeSpan.FromMinutes(10);


    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Choices.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() != Choices.Length)
        {
            yield return new ValidationResult("Reminders:Choices keys must be unique.");
        }
        foreach (var choice in Choices.Where(c => !c.IsValid))
        {
            yield return new ValidationResult(
                $"Reminders:Choices '{choice.Key}' needs a Key, a Label and exactly one of Delay, Months or NextMonth.");
        }
    }
}

/// <summary>One "remind me" option. Exactly one of <see cref="Delay"/>, <see cref="Months"/>, <see cref="NextMonth"/>.</summary>
public sealed class ReminderChoice
{
    /// <summary>Value posted by the form, e.g. "3d".</summary>
    public string Key { get; set; } = "";

    /// <summary>What the reader sees; "{NextMonth}" becomes the month's name, e.g. "In January".</summary>
    public string Label { get; set; } = "";

    public TimeSpan? Delay { get; set; }

    /// <summary>Calendar months from now (same day and time).</summary>
    public int? Months { get; set; }

    /// <summary>The 1st of next month at <see cref="HourUtc"/>:00 UTC.</summary>
    public bool NextMonth { get; set; }

    public int HourUtc { get; set; } = 9;

    /// <summary>Offered only in Development, e.g. "in 1 minute" to watch the whole path live.</summary>
    public bool DevelopmentOnly { get; set; }

    internal bool IsValid =>
        Key.Length is > 0 and <= 20 && Label.Length > 0 && HourUtc is >= 0 and < 24
        && (Delay is { } d && d > TimeSpan.Zero ? 1 : 0) + (Months is > 0 ? 1 : 0) + (NextMonth ? 1 : 0) == 1;
}
