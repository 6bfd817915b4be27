using System.Globalization;

namespace Support.Web.Shared;

/// <summary>Formats and parses amounts held as integer minor units (cents) with an ISO currency.</summary>
public static class Money
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["usd"] = "$", ["eur"] = "€", ["gbp"] = "£", ["cad"] = "CA$", ["aud"] = "A$",
    };

    /// <summary>"$5.00", "$1,000.00", or "CHF 5.00" for currencies without a symbol here.</summary>
    public static string Format(long cents, string currency) =>
        (cents < 0 ? "-" : "") + Symbol(currency) + (Math.Abs(cents) / 100).ToString("N0", CultureInfo.InvariantCulture)
        + "." + (Math.Abs(cents) % 100).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>"$5" for whole amounts, "$7.50" otherwise: how presets read on a button.</summary>
    public static string FormatShort(long cents, string currency) =>
        cents % 100 == 0 && cents >= 0 ? Symbol(currency) + (cents / 100).ToString("N0", CultureInfo.InvariantCulture) : Format(cents, currency);

    /// <summary>The amount as typed in a form: "5", "7.5", "7.50".</summary>
    public static string ToInput(long cents) =>
        cents % 100 == 0 ? (cents / 100).ToString(CultureInfo.InvariantCulture) : (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Symbol(string currency) => Symbols.GetValueOrDefault(currency, currency.ToUpperInvariant() + " ");
}
