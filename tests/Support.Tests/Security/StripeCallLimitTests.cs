using System.Net;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security;

/// <summary>Finding 9: requests that call Stripe are limited per client and for everyone together, so a loop cannot use up the account's Stripe rate limit.</summary>
public sealed class StripeCallLimitTests
{
    [Fact]
    public async Task One_client_gets_a_429_page_after_its_share_of_stripe_calls()
    {
        using var app = new StripeCallApp(new("Stripe:ClientRequestLimit", "2"), new("Stripe:ClientRequestWindow", "01:00:00"));
        using var browser = app.CreateBrowserClient();
        var journey = new ReaderJourney(browser);

        var first = await journey.SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });
        var thanks = await browser.GetAsync("/support/thanks?session_id=cs_test_" + new string('a', 24));
        var calls = app.StripeCalls;
        var third = await journey.SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });
        var fourth = await browser.GetAsync("/support/thanks?session_id=cs_test_" + new string('a', 24));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, thanks.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("Too many payment requests", await third.Content.ReadAsStringAsync());
        Assert.Equal(calls, app.StripeCalls);
    }

    [Fact]
    public async Task All_clients_together_get_a_429_page_beyond_the_global_limit()
    {
        using var app = new StripeCallApp(new("Stripe:GlobalRequestLimit", "1"), new("Stripe:GlobalRequestWindow", "01:00:00"));
        using var reader = app.CreateBrowserClient();
        using var another = app.CreateBrowserClient();

        var first = await new ReaderJourney(reader).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });
        var second = await new ReaderJourney(another).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }
}
