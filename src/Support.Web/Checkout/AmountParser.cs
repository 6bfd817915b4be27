using System.Globalization;
using System.Text.RegularExpressions;
using Support.Data.Supporters;
using Support.Web.Prompt;
using Support.Web.Shared;

namespace Support.Web.Checkout;

/// <summary>Reads an amount typed in the currency's major unit ("5", "7.50", "$1,000", "€20") into cents, with a message a reader understands.</summary>
public static partial class AmountParser
{
    [GeneratedRegex(@"^(?<whole>[0-9]{1,3}(,[0-9]{3}){1,2}|[0-9]{1,9})(\.(?<fraction>[0-9]+))?$")]
    private static partial Regex AmountPattern();

    public static AmountResult Parse(string? input, long minimumCents, long maximumCents, string currency) =>
        Parse(input, minimumCents, maximumCents, currency, GiftFrequency.Month);

    /// <summary>The messages name the frequency: "The smallest annual amount is $24.00."</summary>
    public static AmountResult Parse(string? input, long minimumCents, long maximumCents, string currency, GiftFrequency frequency)
    {
        var kind = GiftFrequencies.Adjective(frequency);
        var per = GiftFrequencies.Per(frequency);
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return AmountResult.Fail("Choose an amount or enter your own.");
        }
        var symbol = Money.Symbol(currency).Trim();
        if (text.StartsWith(symbol, StringComparison.Ordinal))
        {
            text = text[symbol.Length..].TrimStart();
        }
        var range = $"Enter an amount between {Money.Format(minimumCents, currency)} and {Money.Format(maximumCents, currency)}{per}.";
        if (text.StartsWith('-'))
        {
            return AmountResult.Fail($"The smallest {kind} amount is {Money.Format(minimumCents, currency)}. " + range);
        }
        var match = AmountPattern().Match(text);
        if (!match.Success)
        {
            return AmountResult.Fail("Enter the amount as a number, for example 5 or 7.50.");
        }
        var fraction = match.Groups["fraction"].Value;
        if (fraction.Length > 2)
        {
            return AmountResult.Fail("Amounts can have at most two decimal places, for example 7.50.");
        }
        var whole = long.Parse(match.Groups["whole"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        var cents = whole * 100 + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        if (cents < minimumCents)
        {
            return AmountResult.Fail($"The smallest {kind} amount is {Money.Format(minimumCents, currency)}. " + range);
        }
        if (cents > maximumCents)
        {
            return AmountResult.Fail($"The largest {kind} amount we accept online is {Money.Format(maximumCents, currency)}. " + range);
        }
        return AmountResult.Ok(cents);
    }
}

public readonly record struct AmountResult(long Cents, string? Error)
{
    public bool IsValid => Error is null;
    public static AmountResult Ok(long cents) => new(cents, null);
    public static AmountResult Fail(string error) => new(0, error);
}
