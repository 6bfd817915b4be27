using System.Net;
using Support.Tests.Infrastructure;
using Support.Web.Embed;

namespace Support.Tests.Embed;

public sealed class EmbedCheckoutTests(EmbedApp app) : IClassFixture<EmbedApp>
{
    [Fact]
    public async Task A_gift_from_the_embed_returns_to_the_publishers_article_which_then_shows_no_prompt()
    {
        var shown = await app.PromptAsync();

        var landing = await GiveAsync(returnTo: EmbedApp.ArticleUrl);

        Assert.StartsWith(EmbedApp.ArticleUrl + "#support-gave=", landing.ToString());
        var receipt = landing.Fragment["#support-gave=".Length..];
        var after = await app.PromptAsync(shown.State, receipt);
        Assert.Equal("none", after.Show);
        Assert.Equal("none", (await app.PromptAsync(after.State)).Show);
    }

    [Fact]
    public async Task A_return_address_on_a_site_that_is_not_allowed_is_ignored_and_the_reader_lands_on_supports_thanks_page()
    {
        var landing = await GiveAsync(returnTo: "https://evil.example/phish");

        Assert.StartsWith(app.PublicBaseUrl + "/support/thanks?session_id=cs_", landing.ToString());
    }

    [Theory]
    [InlineData("wk4%3D9%3E")]
    [InlineData("99999999999999999999999999")]
    [InlineData("%FF%FE")]
    public async Task A_return_link_whose_article_is_not_base64url_is_refused_with_a_message(string to)
    {
        using var client = app.CookielessClient();

        var answer = await client.GetAsync("/embed/return?session_id=cs_x&to=" + to);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.NotEmpty(await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_return_link_that_leads_off_the_publishers_sites_is_refused()
    {
        using var client = app.CookielessClient();

        var answer = await client.GetAsync("/embed/return?session_id=cs_x&to=" + EmbedPages.Encode(new Uri("https://evil.example/")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task A_forged_or_stale_receipt_changes_nothing()
    {
        var after = await app.PromptAsync(gave: "not-a-receipt");

        Assert.Equal("full", after.Show);
    }

    /// <summary>Posts the embedded prompt's form from the publisher's page, pays on the emulator, follows Stripe's success URL.</summary>
    private async Task<Uri> GiveAsync(string returnTo)
    {
        using var browser = app.CreateBrowserClient();
        var checkout = await app.PostFromAsync(EmbedApp.Publisher, "/support/checkout", new()
        {
            ["frequency"] = "month",
            ["amount"] = "other",
            ["customAmount"] = "7",
            ["formToken"] = Guid.NewGuid().ToString("N"),
            ["returnTo"] = returnTo,
        });
        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);

        var paid = await new ReaderJourney(browser).PayAsync(checkout.Headers.Location!, $"embed-{Guid.NewGuid():N}@example.org", "4242 4242 4242 4242");
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        var success = paid.Headers.Location!;
        if (!success.AbsolutePath.StartsWith("/embed/return", StringComparison.Ordinal))
        {
            return success;
        }
        var back = await browser.GetAsync(success);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back.Headers.Location!;
    }
}
