using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

public sealed class PhoneBannerTests(BannerPromptApp browser, ITestOutputHelper output) : IClassFixture<BannerPromptApp>
{
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

    /// <summary>True when the element under the paragraph's centre is the paragraph itself or inside it.</summary>
    private static Task<bool> IsTopmostAtItsCentreAsync(ILocator element) =>
        element.EvaluateAsync<bool>("""
            el => {
              const box = el.getBoundingClientRect();
              const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              return hit !== null && el.contains(hit);
            }
            """);
}
