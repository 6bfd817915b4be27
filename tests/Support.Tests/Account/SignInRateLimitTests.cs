using System.Net;
using Support.Tests.Infrastructure;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

public sealed class SignInRateLimitTests
{
    public sealed class PerEmailApp : AccountAppFactory
    {
        protected override int SignInRequestsPerEmail => 2;
    }

    public sealed class PerAddressApp : AccountAppFactory
    {
        protected override int SignInRequestsPerAddress => 3;
    }

    [Fact]
    public async Task Link_requests_beyond_the_limit_for_one_email_get_a_friendly_429()
    {
        using var app = new PerEmailApp();
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("stranger");
        Assert.Equal(HttpStatusCode.OK, (await RequestLinkAsync(browser, email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RequestLinkAsync(browser, email)).StatusCode);

        var refused = await RequestLinkAsync(browser, email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Please wait a few minutes and try again.", (await refused.ReadHtmlAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await RequestLinkAsync(browser, NewEmail("other"))).StatusCode);
    }

    [Fact]
    public async Task Link_requests_beyond_the_limit_from_one_address_get_a_friendly_429()
    {
        using var app = new PerAddressApp();
        using var browser = app.CreateBrowserClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await RequestLinkAsync(browser, NewEmail())).StatusCode);
        }

        var refused = await RequestLinkAsync(browser, NewEmail());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in requests", (await refused.ReadHtmlAsync()).Body!.TextContent);
    }
}
