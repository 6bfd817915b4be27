using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using Support.Web.Articles;
using Support.Web.Prompt;

namespace Support.Tests.Articles;

/// <summary>
/// The article page is served from bytes rendered once per variant; each view must still equal what the Razor
/// components render for that view (the same <see cref="RazorComponentResult{TComponent}"/> the endpoint used before).
/// </summary>
public abstract partial class ArticlePageCacheTests<TFactory>(TFactory app) where TFactory : SupportAppFactory
{
    [Fact]
    public async Task Page_with_the_prompt_equals_a_fresh_render_with_the_same_token()
    {
        using var browser = app.CreateBrowserClient();
        await browser.GetStringAsync(ReaderJourney.ArticlePath); // fills the cache
        var served = await browser.GetStringAsync(ReaderJourney.ArticlePath);

        var token = FormToken(served);
        var placement = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PromptOptions>>().Value.Placement;
        var prompt = new PromptModel(ReaderJourney.ArticleSlug, ReaderJourney.ArticlePath, placement, token);

        Assert.Equal(await RenderFreshAsync(prompt), served);
    }

    [Fact]
    public async Task Page_without_the_prompt_equals_a_fresh_render()
    {
        using var browser = app.CreateBrowserClient();
        await browser.PostFormAsync("/prompt/dismiss", new Dictionary<string, string> { ["returnUrl"] = ReaderJourney.ArticlePath });
        await browser.GetStringAsync(ReaderJourney.ArticlePath);
        var served = await browser.GetStringAsync(ReaderJourney.ArticlePath);

        Assert.DoesNotContain("support-prompt", served);
        Assert.Equal(await RenderFreshAsync(prompt: null), served);
    }

    [Fact]
    public async Task Each_view_of_the_prompt_gets_its_own_form_token()
    {
        using var browser = app.CreateBrowserClient();

        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add(FormToken(await browser.GetStringAsync(ReaderJourney.ArticlePath)));
        }

        Assert.Equal(3, tokens.Distinct().Count());
    }

    [Fact]
    public async Task Page_is_served_as_utf8_html_with_its_length()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await browser.GetAsync(ReaderJourney.ArticlePath);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    private static string FormToken(string html) =>
        FormTokenField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No form token on the page.");

    /// <summary>What the endpoint returned before the cache: the components rendered for this one view.</summary>
    private async Task<string> RenderFreshAsync(PromptModel? prompt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var article = scope.ServiceProvider.GetRequiredService<ArticleCatalog>().Find(ReaderJourney.ArticleSlug)!;
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = app.BaseAddress.Scheme;
        context.Request.Host = new HostString(app.BaseAddress.Authority);
        context.Request.Path = ReaderJourney.ArticlePath;
        using var body = new MemoryStream();
        context.Response.Body = body;

        await new RazorComponentResult<ArticlePage>(new { Article = article, Prompt = prompt }).ExecuteAsync(context);

        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    [GeneratedRegex("name=\"formToken\" value=\"([0-9a-f]{24})\"")]
    private static partial Regex FormTokenField();
}

public sealed class BannerArticlePageCacheTests(SupportAppFactory app)
    : ArticlePageCacheTests<SupportAppFactory>(app), IClassFixture<SupportAppFactory>;

public sealed class InlineArticlePageCacheTests(InlineArticlePageCacheTests.InlinePrompt app)
    : ArticlePageCacheTests<InlineArticlePageCacheTests.InlinePrompt>(app), IClassFixture<InlineArticlePageCacheTests.InlinePrompt>
{
    public sealed class InlinePrompt : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Prompt:Placement", "Inline")];
    }
}
