using Microsoft.EntityFrameworkCore;
using Support.Web.Prompt;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;

namespace Support.Tests.Prompt;

public sealed class PromptCounterTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task Prompt_views_are_counted_in_memory_and_added_to_the_daily_row_at_each_flush()
    {
        var flusher = app.Services.GetRequiredService<PromptStatsFlusher>();
        await flusher.FlushAsync(CancellationToken.None);
        // Other tests of this class may have counted views of the same article before: only this test's are compared.
        var start = await ViewsAsync();
        using var reader = app.CreateBrowserClient();

        await reader.GetStringAsync(ReaderJourney.ArticlePath);
        await reader.GetStringAsync(ReaderJourney.ArticlePath);
        var beforeFlush = await ViewsAsync();
        await flusher.FlushAsync(CancellationToken.None);
        var afterFirst = await ViewsAsync();
        await reader.GetStringAsync(ReaderJourney.ArticlePath);
        await flusher.FlushAsync(CancellationToken.None);

        Assert.Equal(start, beforeFlush);  // nothing written per page view
        Assert.Equal(start + 2, afterFirst);
        Assert.Equal(start + 3, await ViewsAsync()); // the same row, incremented
        Assert.Equal(1, await app.QueryAsync(db => db.PromptDailyStats.CountAsync(s => s.ArticleSlug == ReaderJourney.ArticleSlug)));
    }

    [Fact]
    public async Task A_checkout_start_is_counted_for_its_article()
    {
        var flusher = app.Services.GetRequiredService<PromptStatsFlusher>();
        using var reader = app.CreateBrowserClient();

        await new ReaderJourney(reader).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });
        await flusher.FlushAsync(CancellationToken.None);

        Assert.True(await app.QueryAsync(db => db.PromptDailyStats.Where(s => s.ArticleSlug == ReaderJourney.ArticleSlug).SumAsync(s => s.CheckoutStarts)) >= 1);
    }

    [Fact]
    public async Task Concurrent_counts_are_all_kept()
    {
        var counter = new PromptCounter(TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.PromptShown("busy");
            }
        })));

        Assert.Equal(80_000, counter.Drain().Single().Views);
        Assert.Empty(counter.Drain());
    }

    private Task<long> ViewsAsync() => app.QueryAsync(db =>
        db.PromptDailyStats.Where(s => s.ArticleSlug == ReaderJourney.ArticleSlug).SumAsync(s => s.Views));
}
