using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

public sealed class ClosingTheBannerTests(BannerPromptApp browser) : IClassFixture<BannerPromptApp>
{
    [SkippableFact]
    public async Task Closing_the_banner_hides_it_at_once_without_leaving_the_article_and_after_reload()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);
        await Expect(page.Prompt()).ToBeVisibleAsync();
        var dismissed = page.WaitForResponseAsync("**/prompt/dismiss");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close this message" }).ClickAsync();

        await Expect(page.Prompt()).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = 1_000 });
        Assert.EndsWith(Reader.ArticlePath, page.Url);
        Assert.Equal(204, (await dismissed).Status);
        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Prompt()).ToHaveCountAsync(0);
    }
}
