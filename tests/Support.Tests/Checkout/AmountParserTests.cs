using Support.Web.Checkout;

namespace Support.Tests.Checkout;

public sealed class AmountParserTests
{
    [Theory]
    [InlineData("2", 200)]
    [InlineData(" 7.5 ", 750)]
    [InlineData("7.05", 705)]
    [InlineData("$ 25", 2500)]
    [InlineData("1,000.00", 100000)]
    public void Valid_amounts_become_exact_cents(string input, long cents)
    {
        var result = AmountParser.Parse(input, 200, 100_000, "usd");
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(cents, result.Cents);
    }

    [Theory]
    [InlineData("1,00")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("5 5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("٥")]
    public void Malformed_amounts_are_refused(string input) =>
        Assert.False(AmountParser.Parse(input, 200, 100_000, "usd").IsValid);

    [Theory]
    [InlineData("€ 20", 2000)]
    [InlineData("20", 2000)]
    public void Amounts_in_another_currency_read_its_symbol(string input, long cents) =>
        Assert.Equal(cents, AmountParser.Parse(input, 200, 100_000, "eur").Cents);

    [Theory]
    [InlineData("twenty")]
    [InlineData("1")]
    [InlineData("-5")]
    public void Messages_in_another_currency_name_neither_dollars_nor_the_dollar_sign(string input)
    {
        var result = AmountParser.Parse(input, 200, 100_000, "eur");

        Assert.False(result.IsValid);
        Assert.DoesNotContain("dollar", result.Error!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("$", result.Error!, StringComparison.Ordinal);
    }
}
