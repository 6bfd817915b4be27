using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Support.Data.Articles;
using Support.Data.Staff;
using Support.Tests.Experiments;
using Support.Tests.Staff;
using Support.Web.Embed;
using Support.Web.Prompt;

namespace Support.Tests.Embed;

/// <summary>A page of an allowed publisher site becomes an article the first time it asks for the prompt.</summary>
public sealed class EmbeddedArticleTests(EmbedApp app) : IClassFixture<EmbedApp>
{
    [Fact]
    public async Task An_unknown_page_of_an_allowed_site_is_registered_on_first_sight_with_its_title_and_origin()
    {
        var path = $"/2026/12/registered-{Guid.NewGuid():N}";

        await app.PromptAsync(url: EmbedApp.Publisher + path + "?utm_source=mail", title: "  The council\n passes its budget ");

        var article = await ArticleAsync("news.publisher.example" + path);
        Assert.Equal("The council passes its budget", article!.Title);
        Assert.Equal(EmbedApp.Publisher, article.Origin);
        Assert.Equal("", article.ContentHash);
    }

    [Fact]
    public async Task A_page_is_registered_once_however_often_and_under_whatever_title_it_is_seen_again()
    {
        var path = $"/2026/12/once-{Guid.NewGuid():N}";

        await app.PromptAsync(url: EmbedApp.Publisher + path, title: "First title");
        await app.PromptAsync(url: EmbedApp.Publisher + path + "/", title: "Second title");
        await app.PromptAsync(url: EmbedApp.Publisher + path);

        var rows = await app.QueryAsync(db => db.Articles.Where(a => a.Slug == "news.publisher.example" + path).ToListAsync());
        Assert.Equal("First title", Assert.Single(rows).Title);
    }

    [Fact]
    public async Task A_page_without_a_title_is_registered_under_its_key()
    {
        var path = $"/untitled-{Guid.NewGuid():N}";

        await app.PromptAsync(url: EmbedApp.Publisher + path, title: " ");

        Assert.Equal("news.publisher.example" + path, (await ArticleAsync("news.publisher.example" + path))!.Title);
    }

    [Fact]
    public async Task Pages_asked_for_from_a_site_that_is_not_allowed_are_not_registered()
    {
        var path = $"/2026/12/not-allowed-{Guid.NewGuid():N}";
        using var client = app.CookielessClient();

        var fromElsewhere = await client.SendAsync(EmbedApp.PromptRequest("https://evil.example", EmbedApp.Publisher + path));
        var offTheSites = await client.SendAsync(EmbedApp.PromptRequest(null, "https://evil.example" + path));

        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, offTheSites.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Articles.AnyAsync(a => a.Slug.EndsWith(path))));
    }

    [Fact]
    public async Task An_experiment_can_choose_a_registered_embedded_page_and_only_that_page_shows_its_variants_and_counts_their_reminders()
    {
        var path = $"/2026/12/tested-{Guid.NewGuid():N}";
        var key = "news.publisher.example" + path;
        await app.PromptAsync(url: EmbedApp.Publisher + path, title: "Tested");
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var experiment = await admin.CreateAsync(ExperimentSteps.TwoHeadings("Embedded headings", key));
        var chosen = await app.PromptAsync(url: EmbedApp.Publisher + path);
        var other = await app.PromptAsync(url: EmbedApp.Publisher + $"/2026/12/other-{Guid.NewGuid():N}");

        Assert.Equal([key], experiment.GetProperty("articles").EnumerateArray().Select(a => a.GetString()));
        Assert.NotNull(chosen.Variant);
        Assert.Matches("Heading A for|Heading B", chosen.Html);
        Assert.Null(other.Variant);
        // Opening "Remind me later" in the embedded prompt counts for the variant shown, as on Support's pages.
        using var client = app.CookielessClient();
        var form = await client.GetAsync($"/embed/reminder?url={Uri.EscapeDataString(EmbedApp.Publisher + path)}&variant={chosen.Variant}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var results = await app.ResultsAsync(admin, experiment.Id());
        var shown = results.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("id").GetInt64() == chosen.Variant);
        Assert.Equal(1, shown.GetProperty("reminders").GetInt64());
        using var unknown = await admin.PostAsJsonAsync("/staff/api/experiments",
            ExperimentSteps.TwoHeadings("Unknown page", "news.publisher.example/never-seen"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("There is no article or embedded page", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_comma_in_a_pages_path_is_escaped_in_its_key_which_experiments_list_comma_separated()
    {
        Assert.Equal("news.example.org/a%2Cb", EmbedPages.Key(new Uri("https://News.Example.org/a,b/")));
    }

    private Task<Article?> ArticleAsync(string key) =>
        app.QueryAsync(db => db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == key));
}

public sealed class EmbeddedArticleBudgetTests(EmbeddedArticleBudgetTests.App app) : IClassFixture<EmbeddedArticleBudgetTests.App>
{
    public sealed class App : EmbedApp
    {
        public App() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

        protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings => [new("Embed:NewPagesPerHour", "1")];
    }

    [Fact]
    public async Task Pages_over_the_hours_budget_are_shown_and_counted_and_registered_on_a_view_in_a_later_hour()
    {
        var first = $"/budget-first-{Guid.NewGuid():N}";
        var second = $"/budget-second-{Guid.NewGuid():N}";

        await app.PromptAsync(url: EmbedApp.Publisher + first);
        var over = await app.PromptAsync(url: EmbedApp.Publisher + second);
        Assert.Equal("full", over.Show);
        Assert.True(await RegisteredAsync(first));
        Assert.False(await RegisteredAsync(second));

        app.Clock!.Advance(TimeSpan.FromHours(1));
        await app.PromptAsync(url: EmbedApp.Publisher + second);

        Assert.True(await RegisteredAsync(second));
        await app.Services.GetRequiredService<PromptStatsFlusher>().FlushAsync(CancellationToken.None);
        Assert.Equal(2, await app.QueryAsync(db => db.PromptDailyStats.Where(s => s.ArticleSlug == "news.publisher.example" + second).SumAsync(s => s.Views)));
    }

    private Task<bool> RegisteredAsync(string path) =>
        app.QueryAsync(db => db.Articles.AnyAsync(a => a.Slug == "news.publisher.example" + path));
}
