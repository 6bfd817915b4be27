using Support.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>
/// Each reader-facing page at desktop and phone width: axe finds no serious or critical violation, and a
/// full-page screenshot is written (see <see cref="Screenshots"/>). The emulator's checkout page is not ours.
/// </summary>
public sealed class PageAccessibilityTests(BannerPromptApp browser, ITestOutputHelper output) : IClassFixture<BannerPromptApp>
{
    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Article_with_the_banner_prompt_has_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();

        await page.GotoAsync(Reader.ArticlePath);

        await Expect(page.Locator("#support-prompt.prompt--banner")).ToBeVisibleAsync();
        await page.SaveAsync("article-banner", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Support_page_has_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/support");

        await Expect(page.GiveButton()).ToBeVisibleAsync();
        await page.SaveAsync("support", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Thank_you_page_has_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();

        await page.GiveMonthlyAsync(5, $"thanks.{width}@example.org");

        await page.SaveAsync("thank-you", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Not_found_page_has_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/articles/no-such-article");

        Assert.Equal(404, response!.Status);
        await page.SaveAsync("not-found", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Amount_validation_error_page_has_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();

        await page.SubmitCustomAmountAsync("1.50");

        await Expect(page.Prompt().GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToBeVisibleAsync();
        await page.SaveAsync("amount-error", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }
}
