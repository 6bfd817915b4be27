using System.Net;
using Support.Tests.Infrastructure;

namespace Support.Tests;

/// <summary>The README's first command runs the app in Development: it must start and serve there too.</summary>
public sealed class DevelopmentStartTests(DevelopmentStartTests.DevelopmentApp app) : IClassFixture<DevelopmentStartTests.DevelopmentApp>
{
    public sealed class DevelopmentApp : SupportAppFactory
    {
        protected override string Environment => "Development";
    }

    [Fact]
    public async Task In_development_the_app_starts_and_serves_an_article_with_its_prompt()
    {
        using var client = app.CreateBrowserClient();

        var health = await client.GetAsync("/healthz");
        var article = await client.GetAsync(ReaderJourney.ArticlePath);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        Assert.Contains("id=\"support-prompt\"", await article.Content.ReadAsStringAsync());
    }
}
