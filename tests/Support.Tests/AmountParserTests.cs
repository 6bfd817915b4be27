using Support.Web.Checkout;

namespace Support.Tests;

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
}
