using System.Globalization;

namespace Support.StripeEmulator.Checkout;

internal static class Money
{
    // Stripe amounts are in the currency's minor unit, except for these zero-decimal currencies.
    private static readonly HashSet<string> _zeroDecimal = ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];

    private static readonly Dictionary<string, string> _symbols = new()
    {
        ["usd"] = "$", ["eur"] = "€", ["gbp"] = "£", ["jpy"] = "¥", ["cad"] = "CA$", ["aud"] = "A$", ["nzd"] = "NZ$", ["chf"] = "CHF ",
    };

    /// <summary>"$5.00" for 500 usd; unknown currencies show their code ("SEK 50.00").</summary>
    public static string Format(long minorUnits, string currency)
    {
        var zeroDecimal = _zeroDecimal.Contains(currency);
        var amount = zeroDecimal ? minorUnits : minorUnits / 100m;
        var number = amount.ToString(zeroDecimal ? "N0" : "N2", CultureInfo.InvariantCulture);
        return (_symbols.TryGetValue(currency, out var symbol) ? symbol : currency.ToUpperInvariant() + " ") + number;
    }

    /// <summary>"$5.00 per month", or "$25.00" for a one-time price.</summary>
    public static string Describe(long minorUnits, string currency, string? interval) =>
        Format(minorUnits, currency) + (interval is null ? "" : $" per {interval}");
}
