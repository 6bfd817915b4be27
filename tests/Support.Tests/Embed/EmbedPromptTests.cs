using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Support.Web.Prompt;

namespace Support.Tests.Embed;

public sealed class EmbedPromptTests(EmbedApp app) : IClassFixture<EmbedApp>
{
    [Fact]
    public async Task The_prompt_json_answers_an_allowed_origin_with_its_cors_header_and_the_prompt()
    {
        using var client = app.CookielessClient();

        var answer = await client.SendAsync(EmbedApp.PromptRequest(EmbedApp.Publisher));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(EmbedApp.Publisher, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var prompt = await app.PromptAsync();
        Assert.Equal("full", prompt.Show);
        Assert.Contains("id=\"support-prompt\"", prompt.Html);
        Assert.Contains("action=\"/support/checkout\"", prompt.Html);
        Assert.NotEmpty(prompt.State);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://news.publisher.example.evil.example")]
    [InlineData("http://news.publisher.example")]
    public async Task Another_origin_gets_no_cors_header_and_no_prompt(string origin)
    {
        using var client = app.CookielessClient();

        var answer = await client.SendAsync(EmbedApp.PromptRequest(origin));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.DoesNotContain("support-prompt", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_on_a_site_that_is_not_allowed_is_refused_with_a_sentence()
    {
        using var client = app.CookielessClient();

        var answer = await client.SendAsync(EmbedApp.PromptRequest(origin: null, url: "https://elsewhere.example/story"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("allowed sites", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Closing_the_embedded_prompt_hides_it_on_the_next_page_through_the_token_alone()
    {
        var shown = await app.PromptAsync();

        var dismissed = await app.PostFromAsync(EmbedApp.Publisher, "/embed/dismiss", new() { ["state"] = shown.State });
        var closed = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Support.Web.Embed.EmbedPrompt>(dismissed.Content);
        var next = await app.PromptAsync(closed!.State);

        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(EmbedApp.Publisher, dismissed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("none", next.Show);
        Assert.Null(next.Html);
    }

    [Fact]
    public async Task A_dismissal_posted_from_another_site_is_refused_by_the_origin_guard()
    {
        var shown = await app.PromptAsync();

        var answer = await app.PostFromAsync("https://evil.example", "/embed/dismiss", new() { ["state"] = shown.State });

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_impression_cap_holds_through_the_token_and_a_tampered_token_is_a_fresh_browser()
    {
        var cap = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PromptFatigueOptions>>().Value.ImpressionCap;
        var state = "";
        for (var view = 0; view < cap; view++)
        {
            state = (await app.PromptAsync(state)).State;
        }

        var capped = await app.PromptAsync(state);
        var tampered = await app.PromptAsync(state[..^4] + "AAAA");

        Assert.Equal("quiet", capped.Show);
        Assert.Contains("prompt-quiet", capped.Html);
        Assert.Equal("full", tampered.Show);
    }

    [Fact]
    public async Task Embedded_views_are_counted_per_article_with_the_publishers_host_in_the_key()
    {
        var path = $"/2026/12/counted-{Guid.NewGuid():N}";
        using var client = app.CookielessClient();
        for (var view = 0; view < 2; view++)
        {
            (await client.SendAsync(EmbedApp.PromptRequest(EmbedApp.Publisher, EmbedApp.Publisher + path))).EnsureSuccessStatusCode();
        }

        await app.Services.GetRequiredService<PromptStatsFlusher>().FlushAsync(CancellationToken.None);

        var views = await app.QueryAsync(db => db.PromptDailyStats.Where(s => s.ArticleSlug == "news.publisher.example" + path).SumAsync(s => s.Views));
        Assert.Equal(2, views);
    }
}
