using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

public sealed class BannerLayoutTests(BannerPromptApp browser, ITestOutputHelper output) : IClassFixture<BannerPromptApp>
{
    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Banner_shows_the_amounts_and_the_give_button_without_scrolling(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();

        await page.GotoAsync(Reader.ArticlePath);

        await Expect(page.Prompt()).ToBeVisibleAsync();
        Assert.True(await IsTopmostAtItsCentreAsync(page.PresetAmount(10)), "The $10 amount is not in view.");
        Assert.True(await IsTopmostAtItsCentreAsync(page.GiveButton()), "The give button is not in view.");
    }

    [SkippableFact]
    public async Task On_a_phone_one_tap_on_close_dismisses_the_banner_and_the_whole_article_is_readable()
    {
        await using var context = await browser.NewContextAsync(Viewports.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);
        await Expect(page.Prompt()).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close this message" }).TapAsync();

        await Expect(page.Prompt()).ToBeHiddenAsync();
        var lastParagraph = page.Locator(".article-body > p").Last;
        await lastParagraph.ScrollIntoViewIfNeededAsync();
        Assert.True(await IsTopmostAtItsCentreAsync(lastParagraph), "Something covers the article's last paragraph.");
        await page.SaveAsync("article-banner-dismissed", Viewports.Phone, output);
    }

    /// <summary>
    /// True when the element is inside the viewport and the element under its centre is the element itself or
    /// inside it (nothing fixed or scrolled covers it).
    /// </summary>
    private static Task<bool> IsTopmostAtItsCentreAsync(ILocator element) =>
        element.EvaluateAsync<bool>("""
            el => {
              const box = el.getBoundingClientRect();
              const x = box.left + box.width / 2, y = box.top + box.height / 2;
              if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
              const hit = document.elementFromPoint(x, y);
              return hit !== null && el.contains(hit);
            }
            """);
}
