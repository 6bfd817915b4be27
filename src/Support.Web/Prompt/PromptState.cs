using System.Globalization;
using System.Text;

namespace Support.Web.Prompt;

/// <summary>Why the prompt is hidden until <see cref="PromptState.HiddenUntil"/>.</summary>
public enum PromptHiddenBy
{
    None,
    /// <summary>The reader closed the banner (PromptFatigue:CloseFor).</summary>
    Closed,
    /// <summary>"Remind me later": the time the reader chose.</summary>
    Later,
    /// <summary>A one-time gift (PromptFatigue:OneTimeGiftQuietFor).</summary>
    GaveOnce,
}

/// <summary>The experiment and variant this browser was assigned to (sticky for the experiment's life).</summary>
public readonly record struct PromptAssignment(long ExperimentId, long VariantId);

/// <summary>
/// Everything the prompt remembers about one browser, kept in the signed prompt cookie (or, for the embed, a signed
/// token the publisher's page stores): never in the database. Times are Unix seconds. Parsing never throws: anything
/// unreadable is a fresh browser.
/// </summary>
public sealed record PromptState(
    bool Supporter,
    PromptHiddenBy HiddenBy,
    long HiddenUntil,
    IReadOnlyList<long> Impressions,
    IReadOnlyList<PromptAssignment> Assignments)
{
    /// <summary>Assignments kept at most (the oldest go first): one per running experiment is all a page needs.</summary>
    public const int MaxAssignments = 4;
    private const string Version = "2";

    public static readonly PromptState Fresh = new(false, PromptHiddenBy.None, 0, [], []);

    public long? VariantFor(long experimentId) =>
        Assignments.FirstOrDefault(a => a.ExperimentId == experimentId) is { VariantId: > 0 } a ? a.VariantId : null;

    /// <summary>"2;s;h=Closed:1767225600;i=1767000000,1767100000;a=3:7,5:12" (parts optional).</summary>
    public string Format()
    {
        var text = new StringBuilder(Version);
        if (Supporter)
        {
            text.Append(";s");
        }
        if (HiddenBy != PromptHiddenBy.None)
        {
            text.Append(";h=").Append(HiddenBy).Append(':').Append(HiddenUntil.ToString(CultureInfo.InvariantCulture));
        }
        if (Impressions.Count > 0)
        {
            text.Append(";i=");
            for (var i = 0; i < Impressions.Count; i++)
            {
                text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{Impressions[i]}");
            }
        }
        if (Assignments.Count > 0)
        {
            text.Append(";a=").AppendJoin(',', Assignments.Select(a =>
                string.Create(CultureInfo.InvariantCulture, $"{a.ExperimentId}:{a.VariantId}")));
        }
        return text.ToString();
    }

    public static PromptState Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Fresh;
        }
        // The first cookie format: "supporter", or the Unix time until which the prompt was hidden.
        if (text == "supporter")
        {
            return Fresh with { Supporter = true };
        }
        if (TryLong(text, out var legacyUntil))
        {
            return Fresh with { HiddenBy = PromptHiddenBy.Later, HiddenUntil = legacyUntil };
        }
        var parts = text.Split(';');
        if (parts[0] != Version)
        {
            return Fresh;
        }
        var state = Fresh;
        foreach (var part in parts.Skip(1))
        {
            state = part switch
            {
                "s" => state with { Supporter = true },
                _ when part.StartsWith("h=", StringComparison.Ordinal) => WithHidden(state, part[2..]),
                _ when part.StartsWith("i=", StringComparison.Ordinal) => state with { Impressions = Longs(part[2..]) },
                _ when part.StartsWith("a=", StringComparison.Ordinal) => state with { Assignments = Pairs(part[2..]) },
                _ => state,
            };
        }
        return state;
    }

    private static PromptState WithHidden(PromptState state, string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Enum.TryParse<PromptHiddenBy>(value[..colon], out var kind) && Enum.IsDefined(kind)
            && TryLong(value[(colon + 1)..], out var until)
            ? state with { HiddenBy = kind, HiddenUntil = until }
            : state;
    }

    private static long[] Longs(string value) =>
        [.. value.Split(',').Select(v => TryLong(v, out var n) ? n : -1).Where(n => n >= 0).Order()];

    private static PromptAssignment[] Pairs(string value) =>
        [.. value.Split(',').Select(pair => pair.Split(':')).Where(p => p.Length == 2)
            .Select(p => TryLong(p[0], out var e) && TryLong(p[1], out var v) ? new PromptAssignment(e, v) : default)
            .Where(a => a.ExperimentId > 0 && a.VariantId > 0).Take(MaxAssignments)];

    private static bool TryLong(string value, out long result) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
}
