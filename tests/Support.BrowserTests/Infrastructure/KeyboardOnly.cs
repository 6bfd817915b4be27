using System.Text.Json;
using Microsoft.Playwright;

namespace Support.BrowserTests.Infrastructure;

/// <summary>Keyboard-only use: moving focus with Tab, and checking that the focused element shows it.</summary>
public static class KeyboardOnly
{
    /// <summary>Presses Tab until the focused element matches, failing after a bounded number of presses.</summary>
    public static async Task TabUntilAsync(this IPage page, string selector)
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
    /// The focused element matches :focus-visible and its indicator (its own outline or shadow; for a visually
    /// hidden radio, its label's) is drawn.
    /// </summary>
    public static async Task AssertFocusIsVisibleAsync(this IPage page)
    {
        var focus = await page.EvaluateAsync<JsonElement>("""
            () => {
              const el = document.activeElement;
              const hidden = el.type === 'radio' && getComputedStyle(el).opacity === '0';
              const shown = hidden ? document.querySelector(`label[for="${el.id}"]`) : el;
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
