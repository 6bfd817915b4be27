using Support.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>The article's prompt used with the keyboard alone.</summary>
public sealed class KeyboardTests(BannerPromptApp browser) : IClassFixture<BannerPromptApp>
{
    [SkippableFact]
    public async Task Prompt_can_be_used_with_tab_arrows_space_and_enter_alone_with_visible_focus()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);

        await page.TabUntilAsync("input[name='amount']");
        await page.AssertFocusIsVisibleAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#amount-month-1000")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#amount-month-500")).ToBeCheckedAsync();
        await Expect(page.Locator("#amount-month-500")).ToBeFocusedAsync();

        await page.TabUntilAsync("button.prompt__give");
        await page.AssertFocusIsVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await Expect(page.Locator(".amount")).ToContainTextAsync("$5.00");
    }
}
