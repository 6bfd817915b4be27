using System.Globalization;
using Microsoft.Extensions.Options;

namespace Support.Web.Reminders;

/// <summary>The choices this environment offers, and the time each one means from now.</summary>
public sealed class ReminderSchedule(IOptions<ReminderOptions> options, IHostEnvironment environment, TimeProvider time)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public IReadOnlyList<OfferedChoice> Offered()
    {
        var now = time.GetUtcNow();
        return options.Value.Choices
            .Where(c => !c.DevelopmentOnly || environment.IsDevelopment())
            .Select(c => new OfferedChoice(c.Key, LabelOf(c, now), DueAt(c, now)))
            .ToList();
    }

    public OfferedChoice? Find(string? key) => Offered().FirstOrDefault(c => c.Key == key);

    public static DateTimeOffset DueAt(ReminderChoice choice, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (choice.NextMonth)
        {
            return new DateTimeOffset(now.Year, now.Month, 1, choice.HourUtc, 0, 0, TimeSpan.Zero).AddMonths(1);
        }
        return choice.Months is { } months ? now.AddMonths(months) : now + choice.Delay!.Value;
    }

    /// <summary>How a date reads in the form and the confirmation: "Thursday, 3 December 2026".</summary>
    public static string FormatDate(DateTimeOffset at) => at.ToUniversalTime().ToString("dddd, d MMMM yyyy", English);

    /// <summary>Date with time, for reminders due within two days where the day alone says too little.</summary>
    public static string FormatWhen(DateTimeOffset at, DateTimeOffset now) =>
        at - now < TimeSpan.FromDays(2)
            ? at.ToUniversalTime().ToString("dddd, d MMMM yyyy 'at' HH:mm 'UTC'", English)
            : FormatDate(at);

    private static string LabelOf(ReminderChoice choice, DateTimeOffset now) =>
        choice.Label.Replace("{NextMonth}", DueAt(choice, now).ToString("MMMM", English), StringComparison.Ordinal);
}

public sealed record OfferedChoice(string Key, string Label, DateTimeOffset DueAt);
