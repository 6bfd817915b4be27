using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Support.Tests.Infrastructure;

namespace Support.Tests.Experiments;

/// <summary>The impression cap and the close control over real HTTP, with only the cookie carrying state.</summary>
public sealed class PromptFatigueFlowTests(PromptFatigueFlowTests.ClockedApp app) : IClassFixture<PromptFatigueFlowTests.ClockedApp>
{
    /// <summary>The app on a clock the test moves (from now, so the cookie's own expiry stays in the future).</summary>
    public sealed class ClockedApp : SupportAppFactory
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    private static async Task<string> ShownAsync(HttpClient browser)
    {
        var page = await (await browser.GetAsync(ReaderJourney.ArticlePath)).ReadHtmlAsync();
        return page.QuerySelector("#support-prompt") is not null ? "prompt"
            : page.QuerySelector(".prompt-quiet a[href='/support']") is not null ? "quiet"
            : "nothing";
    }

    [Fact]
    public async Task After_four_prompts_a_browser_sees_the_quiet_link_until_thirty_days_have_passed()
    {
        using var browser = app.CreateBrowserClient();
        var seen = new List<string>();
        for (var view = 0; view < 5; view++)
        {
            seen.Add(await ShownAsync(browser));
        }

        Assert.Equal(["prompt", "prompt", "prompt", "prompt", "quiet"], seen);
        Assert.Equal("prompt", await ShownAsync(app.CreateBrowserClient()));
        app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.Equal("prompt", await ShownAsync(browser));
    }

    [Fact]
    public async Task Closing_the_banner_hides_the_prompt_for_seven_days_without_javascript()
    {
        using var browser = app.CreateBrowserClient();
        var closed = await browser.PostFormAsync("/prompt/dismiss", new Dictionary<string, string> { ["returnUrl"] = ReaderJourney.ArticlePath });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        Assert.Equal("nothing", await ShownAsync(browser));
        app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal("nothing", await ShownAsync(browser));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("prompt", await ShownAsync(browser));
    }
}
