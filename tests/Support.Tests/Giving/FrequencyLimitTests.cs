using System.Net;
using AngleSharp.Html.Dom;
using Support.Tests.Infrastructure;

namespace Support.Tests.Giving;

/// <summary>Each frequency's limits are checked on the server, with a message that names the frequency (422).</summary>
public sealed class FrequencyLimitTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory _app;

    public FrequencyLimitTests(SupportAppFactory app) => _app = app;

    [Theory]
    [InlineData("once", "1.99", "The smallest one-time amount is $2.00. Enter an amount between $2.00 and $10,000.00.")]
    [InlineData("once", "10000.01", "The largest one-time amount we accept online is $10,000.00.")]
    [InlineData("year", "23.99", "The smallest annual amount is $24.00. Enter an amount between $24.00 and $10,000.00 a year.")]
    [InlineData("year", "10000.01", "The largest annual amount we accept online is $10,000.00.")]
    [InlineData("month", "1.99", "The smallest monthly amount is $2.00. Enter an amount between $2.00 and $1,000.00 a month.")]
    [InlineData("weekly", "5", "Choose how often to give: monthly, every year, or once.")]
    public async Task Amount_outside_the_frequency_limits_is_refused_with_422_and_the_frequency_kept(string frequency, string amount, string message)
    {
        using var browser = _app.CreateBrowserClient();
        var response = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string>
            { ["frequency"] = frequency, ["amount"] = "other", ["customAmount"] = amount });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent);
        var checkedFrequency = page.QuerySelector("input[name=frequency][checked]")?.GetAttribute("value");
        Assert.Equal(frequency == "weekly" ? "month" : frequency, checkedFrequency);
    }

    [Theory]
    [InlineData("once", "2", 200)]
    [InlineData("once", "10000", 1_000_000)]
    [InlineData("year", "24", 2400)]
    [InlineData("year", "1500", 150_000)]
    public async Task Amount_within_the_frequency_limits_opens_checkout(string frequency, string amount, long cents)
    {
        using var browser = _app.CreateBrowserClient();
        var response = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string>
            { ["frequency"] = frequency, ["amount"] = "other", ["customAmount"] = amount });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var page = await browser.GetStringAsync(response.Headers.Location!);
        Assert.Contains(Support.Web.Shared.Money.Format(cents, "usd") + (frequency == "year" ? " per year" : ""), page);
    }

    [Fact]
    public async Task Without_javascript_a_monthly_preset_kept_after_choosing_once_rerenders_the_one_time_presets()
    {
        using var browser = _app.CreateBrowserClient();
        // The form as a browser without JavaScript posts it: "One time" chosen, the monthly $5 button still checked.
        var response = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string> { ["frequency"] = "once" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.Contains("Choose the amount of your one-time gift", page.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal("once", page.QuerySelector("input[name=frequency][checked]")?.GetAttribute("value"));
        Assert.Equal("amount-once-2500", page.QuerySelector("input[name=amount][checked]")?.Id);
        Assert.Equal("", page.QuerySelector("#custom-amount")?.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Article_prompt_offers_three_frequencies_with_monthly_preselected_and_each_its_own_presets()
    {
        using var browser = _app.CreateBrowserClient();
        var page = await (await browser.GetAsync(ReaderJourney.ArticlePath)).ReadHtmlAsync();

        var frequencies = page.QuerySelectorAll("input[name=frequency]").OfType<IHtmlInputElement>().Select(i => (i.Value, i.IsDefaultChecked)).ToList();
        Assert.Equal([("month", true), ("year", false), ("once", false)], frequencies);
        string[] Presets(string frequency) => page.QuerySelectorAll($".prompt__amounts[data-frequency={frequency}] input[name=amount]").OfType<IHtmlInputElement>()
            .Select(i => i.Value).ToArray();
        Assert.Equal(["2", "5", "10", "other"], Presets("month"));
        Assert.Equal(["24", "60", "120", "other"], Presets("year"));
        Assert.Equal(["10", "25", "50", "other"], Presets("once"));
        var buttons = page.QuerySelectorAll(".prompt__give [data-frequency]").Select(b => b.TextContent).ToArray();
        Assert.Equal(["Support us monthly", "Support us every year", "Give once"], buttons);
    }
}
