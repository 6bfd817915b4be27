using System.Net;
using Support.Tests.Infrastructure;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

public sealed class ReminderRateLimitTests(ReminderRateLimitTests.LimitedApp app) : IClassFixture<ReminderRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : ReminderAppFactory
    {
        protected override int SignupsPerWindow => 2;
    }

    [Fact]
    public async Task Signups_beyond_the_limit_from_one_address_get_a_friendly_429()
    {
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await SignUpAsync(browser, "1w", NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignUpAsync(browser, "1w", NewEmail())).StatusCode);

        var email = NewEmail();
        var refused = await SignUpAsync(browser, "1w", email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Please wait a few minutes and try again.", (await refused.ReadHtmlAsync()).Body!.TextContent);
        Assert.Empty(await app.RemindersForAsync(email));
    }
}
