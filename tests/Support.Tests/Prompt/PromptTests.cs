using System.Net;
using Support.Tests.Infrastructure;

namespace Support.Tests.Prompt;

public sealed class PromptTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory _app;

    public PromptTests(SupportAppFactory app) => _app = app;

    [Fact]
    public async Task Article_page_shows_the_publishers_appeal_with_monthly_presets()
    {
        using var browser = _app.CreateBrowserClient();
        var page = await (await browser.GetAsync(ReaderJourney.ArticlePath)).ReadHtmlAsync();

        var prompt = page.QuerySelector("#support-prompt")!;
        Assert.Equal("A Message from The Moscow Times", prompt.QuerySelector("h2")!.TextContent);
        Assert.Contains("Dear readers,", prompt.TextContent);
        Assert.Contains("starting from just $2", prompt.TextContent);
        Assert.Equal(["2", "5", "10", "other"], prompt.QuerySelectorAll("[data-frequency=month] input[name=amount]").Select(i => i.GetAttribute("value")!));
        Assert.Contains("monthly", prompt.QuerySelector("button.prompt__give")!.TextContent);
        Assert.Contains("Remind me later", prompt.TextContent);
        Assert.Contains("prompt--banner", prompt.ClassName);
        Assert.Contains("Russian President Vladimir Putin", page.QuerySelector("article")!.TextContent);
    }

    [Fact]
    public async Task Every_form_field_of_the_prompt_has_a_label()
    {
        using var browser = _app.CreateBrowserClient();
        var page = await (await browser.GetAsync(ReaderJourney.ArticlePath)).ReadHtmlAsync();

        var fields = page.QuerySelectorAll("#support-prompt input:not([type=hidden])");
        Assert.NotEmpty(fields);
        Assert.All(fields, field => Assert.NotNull(page.QuerySelector($"label[for='{field.Id}']")));
    }

    [Fact]
    public async Task Remind_me_later_hides_the_prompt_in_this_browser()
    {
        using var browser = _app.CreateBrowserClient();
        var dismissed = await browser.PostFormAsync("/prompt/dismiss", new Dictionary<string, string> { ["returnUrl"] = ReaderJourney.ArticlePath });

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Equal(ReaderJourney.ArticlePath, dismissed.Headers.Location!.OriginalString);
        Assert.DoesNotContain("support-prompt", await browser.GetStringAsync(ReaderJourney.ArticlePath));
    }

    [Fact]
    public async Task Dismissal_never_redirects_off_site()
    {
        using var browser = _app.CreateBrowserClient();
        var dismissed = await browser.PostFormAsync("/prompt/dismiss", new Dictionary<string, string> { ["returnUrl"] = "//evil.example/phish" });

        Assert.Equal("/", dismissed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_tampered_prompt_cookie_counts_as_absent()
    {
        using var browser = _app.CreateBrowserClient();
        var request = new HttpRequestMessage(HttpMethod.Get, ReaderJourney.ArticlePath);
        request.Headers.Add("Cookie", "support_prompt=supporter");

        var page = await (await browser.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("support-prompt", page);
    }

    [Fact]
    public async Task Front_page_lists_the_articles_from_the_content_folder()
    {
        using var browser = _app.CreateBrowserClient();
        var page = await (await browser.GetAsync("/")).ReadHtmlAsync();

        var links = page.QuerySelectorAll(".article-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(ReaderJourney.ArticlePath, links);
        Assert.Contains("/articles/why-readers-fund-our-newsroom", links);
    }

    [Fact]
    public async Task Unknown_article_is_a_friendly_404()
    {
        using var browser = _app.CreateBrowserClient();
        var response = await browser.GetAsync("/articles/no-such-story");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that article", await response.Content.ReadAsStringAsync());
    }
}

public sealed class InlinePromptTests : IClassFixture<InlinePromptTests.InlineApp>
{
    public sealed class InlineApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [KeyValuePair.Create<string, string?>("Prompt:Placement", "Inline")];
    }

    private readonly InlineApp _app;

    public InlinePromptTests(InlineApp app) => _app = app;

    [Fact]
    public async Task Inline_placement_puts_the_prompt_after_the_article_without_a_close_control()
    {
        using var browser = _app.CreateBrowserClient();
        var page = await (await browser.GetAsync(ReaderJourney.ArticlePath)).ReadHtmlAsync();

        var prompt = page.QuerySelector("#support-prompt")!;
        Assert.Contains("prompt--inline", prompt.ClassName);
        Assert.Null(prompt.QuerySelector(".prompt__close"));
        Assert.Equal("ARTICLE", prompt.PreviousElementSibling!.TagName);
    }
}
