using Support.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

public sealed class InlinePromptTests(InlinePromptApp browser, ITestOutputHelper output) : IClassFixture<InlinePromptApp>
{
    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Article_with_the_inline_prompt_has_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();

        await page.GotoAsync(Reader.ArticlePath);

        await Expect(page.Locator("#support-prompt.prompt--inline")).ToBeVisibleAsync();
        await page.SaveAsync("article-inline", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }
}
