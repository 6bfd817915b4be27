using System.Net;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security;

/// <summary>Finding 6: the thank-you link with a mangled session id, or while Stripe fails, gets a page that says so.</summary>
public sealed class ThanksPageTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Theory]
    [InlineData("%00")]
    [InlineData("cs_test_%00")]
    [InlineData("cs_test_..%2F..%2Fcustomers")]
    [InlineData("cs_test_%0D%0Ax")]
    [InlineData("cs_test_%C3%A9%E2%80%AE")]
    [InlineData("x")]
    [InlineData("cs_test_a%20b")]
    [InlineData("{CHECKOUT_SESSION_ID}")]
    public async Task A_thank_you_link_with_a_malformed_session_id_is_refused_with_400(string encodedId)
    {
        using var browser = app.CreateBrowserClient();

        var answer = await browser.GetAsync("/support/thanks?session_id=" + encodedId);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("This link is incomplete", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_well_formed_but_unknown_session_is_404()
    {
        using var browser = app.CreateBrowserClient();

        var answer = await browser.GetAsync("/support/thanks?session_id=cs_test_" + new string('a', 24));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task While_Stripe_cannot_be_reached_the_thank_you_page_says_so_with_502()
    {
        using var unreachable = new UnreachableStripeApp();
        using var browser = unreachable.CreateBrowserClient();

        var answer = await browser.GetAsync("/support/thanks?session_id=cs_test_" + new string('b', 24));

        Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        Assert.Contains("payment provider", await answer.Content.ReadAsStringAsync());
    }

    /// <summary>Stripe's address points at a closed loopback port: every call fails to connect.</summary>
    private sealed class UnreachableStripeApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Stripe:ApiBase", "http://127.0.0.1:9")];
    }
}
