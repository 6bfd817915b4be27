using System.Net;

namespace Support.Tests.Security;

/// <summary>
/// Finding 9 (and ADR 0011): a browser posting a form from another site is refused before anything happens,
/// unless that site is one of <c>Site:AllowedOrigins</c>; the app's own pages and non-browser clients are not affected.
/// </summary>
public sealed class CrossSitePostTests(CrossSitePostTests.PublisherApp app) : IClassFixture<CrossSitePostTests.PublisherApp>
{
    public const string Publisher = "https://news.publisher.example";

    public sealed class PublisherApp() : StripeCallApp(new KeyValuePair<string, string?>("Site:AllowedOrigins:0", Publisher));

    public static TheoryData<string> ReaderForms() => ["/support/checkout", "/reminders", "/prompt/dismiss"];

    [Theory]
    [MemberData(nameof(ReaderForms))]
    public async Task A_post_from_another_site_is_refused_with_403(string action)
    {
        var calls = app.StripeCalls;

        var answer = await PostAsync(action, origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("another site", await answer.Content.ReadAsStringAsync());
        Assert.False(answer.Headers.Contains("Set-Cookie"));
        Assert.Equal(calls, app.StripeCalls);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://news.publisher.example.evil.example")]
    [InlineData("http://news.publisher.example")]
    public async Task An_opaque_or_look_alike_origin_is_refused(string origin)
    {
        var answer = await PostAsync("/support/checkout", origin);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    [Fact]
    public async Task A_browser_that_says_cross_site_without_an_origin_is_refused()
    {
        var answer = await PostAsync("/support/checkout", origin: null, fetchSite: "cross-site");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    [Theory]
    [InlineData(Publisher)]
    [InlineData(null)]
    [InlineData("self")]
    public async Task The_sites_own_pages_an_allowed_publisher_and_non_browser_clients_may_post(string? origin)
    {
        var answer = await PostAsync("/support/checkout", origin == "self" ? app.BaseAddress.GetLeftPart(UriPartial.Authority) : origin);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
    }

    [Fact]
    public async Task A_mail_clients_one_click_unsubscribe_is_not_a_cross_site_form()
    {
        var answer = await PostAsync("/reminders/unsubscribe/no-such-token", origin: "https://mail.example");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string action, string? origin, string? fetchSite = null)
    {
        using var browser = app.CreateBrowserClient();
        var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "5", ["choice"] = "1w", ["returnUrl"] = "/" }),
        };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }
        return await browser.SendAsync(request);
    }
}
