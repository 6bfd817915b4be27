using Support.Web.Shared;

namespace Support.Tests.Shared;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(500, "usd", "$5.00")]
    [InlineData(100000, "usd", "$1,000.00")]
    [InlineData(705, "eur", "€7.05")]
    [InlineData(250, "chf", "CHF 2.50")]
    [InlineData(-50, "usd", "-$0.50")]
    [InlineData(-1250, "usd", "-$12.50")]
    public void Cents_are_formatted_with_symbol_separators_and_sign(long cents, string currency, string expected) =>
        Assert.Equal(expected, Money.Format(cents, currency));

    [Theory]
    [InlineData(200, "$2")]
    [InlineData(750, "$7.50")]
    [InlineData(-200, "-$2.00")]
    public void Short_form_drops_cents_only_for_whole_positive_amounts(long cents, string expected) =>
        Assert.Equal(expected, Money.FormatShort(cents, "usd"));
}
