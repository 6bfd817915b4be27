using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests.Infrastructure;

/// <summary>What every server-rendered chart must be in a real browser: visible, sized and painted.</summary>
public static class Charts
{
    /// <summary>The chart is visible with a non-zero size, and its line, bars or cells are painted (not transparent).</summary>
    public static async Task AssertDrawnAsync(ILocator chart)
    {
        await chart.ScrollIntoViewIfNeededAsync();
        await Expect(chart).ToBeVisibleAsync();
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 0, Height: > 0 }, $"Chart has no size: {box?.Width}x{box?.Height}");
        var marks = await chart.EvaluateAsync<JsonElement>("""
            svg => [...svg.querySelectorAll('polyline, rect')].map(mark => {
              const style = getComputedStyle(mark), size = mark.getBBox();
              return { paint: mark.tagName === 'polyline' ? style.stroke : style.fill, width: size.width, height: size.height };
            })
            """);
        var painted = marks.EnumerateArray().Where(m =>
            m.GetProperty("paint").GetString() is not ("none" or "rgba(0, 0, 0, 0)") &&
            m.GetProperty("width").GetDouble() > 0 && m.GetProperty("height").GetDouble() > 0).ToList();
        Assert.True(painted.Count > 0, $"Nothing is painted in the chart: {marks}");
    }
}
