using System.Net;
using Support.Tests.Infrastructure;

namespace Support.Tests.Checkout;

public sealed class CheckoutValidationTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory _app;

    public CheckoutValidationTests(SupportAppFactory app) => _app = app;

    [Theory]
    [InlineData("1.99", "smallest monthly amount is $2.00")]
    [InlineData("0", "smallest monthly amount is $2.00")]
    [InlineData("-5", "smallest monthly amount is $2.00")]
    [InlineData("abc", "for example 5 or 7.50")]
    [InlineData("1e9", "for example 5 or 7.50")]
    [InlineData("2.001", "at most two decimal places")]
    [InlineData("", "Choose an amount or enter your own")]
    [InlineData("1000.01", "largest monthly amount we accept online is $1,000.00")]
    [InlineData("99999999999999999999", "for example 5 or 7.50")]
    public async Task Invalid_amount_rerenders_the_prompt_with_a_clear_message_and_422(string amount, string message)
    {
        using var browser = _app.CreateBrowserClient();
        var response = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = amount });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent);
        Assert.NotNull(page.QuerySelector("form[action='/support/checkout']"));
        Assert.Equal(amount, page.QuerySelector("#custom-amount")?.GetAttribute("value") ?? "");
    }

    [Theory]
    [InlineData("2", 200)]
    [InlineData("2.00", 200)]
    [InlineData("7.5", 750)]
    [InlineData("$10", 1000)]
    [InlineData("1,000", 100000)]
    public async Task Valid_amount_redirects_303_to_a_checkout_session_for_that_amount(string amount, long cents)
    {
        using var browser = _app.CreateBrowserClient();
        var response = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = amount });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var paymentPage = await browser.GetStringAsync(response.Headers.Location!);
        Assert.Contains(Support.Web.Shared.Money.Format(cents, "usd") + " per month", paymentPage);
    }

    [Fact]
    public async Task Custom_amount_wins_over_the_preset_radio()
    {
        using var browser = _app.CreateBrowserClient();
        var response = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5", ["customAmount"] = "12" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("$12.00 per month", await browser.GetStringAsync(response.Headers.Location!));
    }

    [Fact]
    public async Task Invalid_email_is_refused_with_a_message()
    {
        using var browser = _app.CreateBrowserClient();
        var response = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5", ["email"] = "not-an-email" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("email address does not look right", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Form_posted_without_an_article_rerenders_on_the_support_page()
    {
        using var browser = _app.CreateBrowserClient();
        var response = await browser.PostFormAsync("/support/checkout", new Dictionary<string, string> { ["amount"] = "1" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("smallest monthly amount", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Json_body_instead_of_a_form_gets_a_4xx_with_a_sentence()
    {
        using var browser = _app.CreateBrowserClient();
        var response = await browser.PostAsync("/support/checkout", new StringContent("{\"amount\":5}", System.Text.Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Double_submitted_form_opens_one_checkout_session()
    {
        using var browser = _app.CreateBrowserClient();
        var page = await (await browser.GetAsync(ReaderJourney.ArticlePath)).ReadHtmlAsync();
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action='/support/checkout']")!;
        var fields = Forms.FieldsOf(form, new Dictionary<string, string> { ["amount"] = "5" });

        var first = await browser.PostFormAsync("/support/checkout", fields);
        var second = await browser.PostFormAsync("/support/checkout", fields);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
    }
}
