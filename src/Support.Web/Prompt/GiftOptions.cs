using System.ComponentModel.DataAnnotations;
using Support.Data.Supporters;

namespace Support.Web.Prompt;

/// <summary>
/// The presets, limits and button of annual and one-time gifts (monthly ones keep their settings on
/// <see cref="PromptOptions"/> itself). Empty presets take the defaults below: the anchors' amounts.
/// </summary>
public sealed class GiftOptions
{
    /// <summary>Preset amounts in cents (no code default in the property: the binder would append to it).</summary>
    public long[] PresetAmountsCents { get; set; } = [];

    /// <summary>The preset chosen when this frequency is picked; 0 means the middle preset.</summary>
    public long DefaultAmountCents { get; set; }

    [Range(50, 99_999_999)]
    public long MinimumAmountCents { get; set; }

    [Range(50, 99_999_999)]
    public long MaximumAmountCents { get; set; }

    /// <summary>The give button; "{amount}" is replaced by the chosen amount where the page can know it.</summary>
    public string ButtonText { get; set; } = "";
}

/// <summary>One frequency's choice as the prompt and the server see it.</summary>
public sealed record GiftLimits(GiftFrequency Frequency, IReadOnlyList<long> Presets, long DefaultCents, long MinimumCents, long MaximumCents, string ButtonText)
{
    /// <summary>The form's value for this frequency (<c>POST /support/checkout</c>, field <c>frequency</c>).</summary>
    public string FormValue => GiftFrequencies.FormValue(Frequency);

    /// <summary>The button without an amount (no JavaScript, or a typed amount not yet known).</summary>
    public string ButtonWithoutAmount => ButtonText.Replace("{amount} ", "", StringComparison.Ordinal).Replace("{amount}", "", StringComparison.Ordinal);

    public string Button(string formattedAmount) => ButtonText.Replace("{amount}", formattedAmount, StringComparison.Ordinal);
}

public static class GiftFrequencies
{
    public static readonly GiftFrequency[] All = [GiftFrequency.Month, GiftFrequency.Year, GiftFrequency.Once];

    public static string FormValue(GiftFrequency frequency) => frequency switch
    {
        GiftFrequency.Month => "month",
        GiftFrequency.Year => "year",
        GiftFrequency.Once => "once",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown gift frequency."),
    };

    /// <summary><c>once</c> | <c>month</c> | <c>year</c>; absent or empty means <c>month</c>; anything else is null.</summary>
    public static GiftFrequency? Parse(string? value) => value?.Trim() switch
    {
        null or "" or "month" => GiftFrequency.Month,
        "year" => GiftFrequency.Year,
        "once" => GiftFrequency.Once,
        _ => null,
    };

    /// <summary>"monthly", "annual", "one-time": how the frequency reads before "gift" or "amount".</summary>
    public static string Adjective(GiftFrequency frequency) => frequency switch
    {
        GiftFrequency.Month => "monthly",
        GiftFrequency.Year => "annual",
        GiftFrequency.Once => "one-time",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown gift frequency."),
    };

    /// <summary>" a month", " a year", "": after an amount.</summary>
    public static string Per(GiftFrequency frequency) => frequency switch
    {
        GiftFrequency.Month => " a month",
        GiftFrequency.Year => " a year",
        GiftFrequency.Once => "",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown gift frequency."),
    };

    /// <summary>Stripe's <c>recurring.interval</c>; null for a one-time gift.</summary>
    public static string? Interval(GiftFrequency frequency) => frequency switch
    {
        GiftFrequency.Month => "month",
        GiftFrequency.Year => "year",
        _ => null,
    };
}
