using System.Text.Json;
using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

public sealed class KeyboardTests(BannerPromptApp browser) : IClassFixture<BannerPromptApp>
{
    [SkippableFact]
    public async Task Prompt_can_be_used_with_tab_arrows_space_and_enter_alone_with_visible_focus()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);

        await TabUntilAsync(page, "input[name='amount']");
        await AssertFocusIsVisibleAsync(page);
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#amount-1000")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#amount-500")).ToBeCheckedAsync();
        await Expect(page.Locator("#amount-500")).ToBeFocusedAsync();

        await TabUntilAsync(page, "button.prompt__give");
        await AssertFocusIsVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await Expect(page.Locator(".amount")).ToContainTextAsync("$5.00");
    }

    /// <summary>Presses Tab until the focused element matches, failing after a bounded number of presses.</summary>
    private static async Task TabUntilAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 20; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached {selector}.");
    }

    /// <summary>
    /// The focused element matches :focus-visible and its indicator (its own outline or shadow; for the visually
    /// hidden amount radios, their label's) is drawn.
    /// </summary>
    private static async Task AssertFocusIsVisibleAsync(IPage page)
    {
        var focus = await page.EvaluateAsync<JsonElement>("""
            () => {
              const el = document.activeElement;
              const shown = el.type === 'radio' ? document.querySelector(`label[for="${el.id}"]`) : el;
              const style = getComputedStyle(shown);
              return { matches: el.matches(':focus-visible'), outline: style.outlineStyle,
                       width: style.outlineWidth, shadow: style.boxShadow, html: el.outerHTML };
            }
            """);
        var html = focus.GetProperty("html").GetString();
        Assert.True(focus.GetProperty("matches").GetBoolean(), $"Focused element is not :focus-visible: {html}");
        var outline = focus.GetProperty("outline").GetString() != "none" && focus.GetProperty("width").GetString() != "0px";
        var shadow = focus.GetProperty("shadow").GetString() != "none";
        Assert.True(outline || shadow, $"Focus is not visible on {html}: {focus}");
    }
}
