using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>
/// A reader with JavaScript turned off, on the app configured for the banner: everything still works as plain
/// HTML, with the prompt in the flow of the page after the article.
/// </summary>
public sealed class NoJavaScriptTests(BannerPromptApp browser) : IClassFixture<BannerPromptApp>
{
    [SkippableFact]
    public async Task Without_javascript_the_prompt_sits_inline_after_the_article_and_checkout_reaches_the_emulator()
    {
        await using var context = await browser.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync(Reader.ArticlePath);

        await Expect(page.Prompt()).ToBeVisibleAsync();
        Assert.NotEqual("fixed", await page.Prompt().EvaluateAsync<string>("el => getComputedStyle(el).position"));
        var lastParagraph = await page.Locator(".article-body > p").Last.BoundingBoxAsync();
        var prompt = await page.Prompt().BoundingBoxAsync();
        Assert.True(prompt!.Y >= lastParagraph!.Y + lastParagraph.Height, "The prompt does not follow the article's text.");

        await page.PresetAmount(5).ClickAsync();
        await page.GiveButton().ClickAsync();

        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await Expect(page.Locator(".amount")).ToContainTextAsync("$5.00");
    }

    [SkippableFact]
    public async Task Without_javascript_the_close_button_posts_the_dismiss_form_and_returns_to_the_article_without_the_prompt()
    {
        await using var context = await browser.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close this message" }).ClickAsync();

        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.EndsWith(Reader.ArticlePath, page.Url);
        await Expect(page.Prompt()).ToHaveCountAsync(0);
    }
}
