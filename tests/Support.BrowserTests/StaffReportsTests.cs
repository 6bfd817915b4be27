using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using Support.Tests.Reports;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>
/// A staff member opens the reports, signs in on the way and sees the charts drawn, at desktop and phone width;
/// axe finds no serious or critical violation on the login or the reports page, and both are screenshotted.
/// </summary>
public sealed class StaffReportsTests(StaffBrowserApp browser, ITestOutputHelper output) : IClassFixture<StaffBrowserApp>
{
    private static readonly string[] ChartTitles =
        ["Monthly recurring revenue", "New and cancelled supporters per month", "Monthly amounts of active supporters"];

    private const string ReportsPath = $"/staff/reports?from={ReportHistory.From}&to={ReportHistory.To}";

    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Staff_sign_in_leads_to_the_reports_with_every_chart_drawn_and_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.GotoAsync(ReportsPath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff sign-in");
        await page.SaveAsync("staff-login", width, output);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Email").FillAsync(StaffBrowserApp.StaffEmail);
        await page.GetByLabel("Password").FillAsync(StaffBrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync($"Contributions, {ReportHistory.From} to {ReportHistory.To}");
        Assert.EndsWith(ReportsPath, page.Url);
        foreach (var title in ChartTitles)
        {
            await AssertDrawnAsync(page.GetByRole(AriaRole.Img, new PageGetByRoleOptions { NameRegex = new Regex("^" + Regex.Escape(title)) }));
        }
        var movement = page.Locator("svg:has(#movement-title)");
        Assert.NotEqual(await FillOfAsync(movement.Locator(".chart__bar--0").First), await FillOfAsync(movement.Locator(".chart__bar--1").First));
        await page.SaveAsync("staff-reports", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>The chart is visible with a non-zero size, and its line or bars are painted (not transparent).</summary>
    private static async Task AssertDrawnAsync(ILocator chart)
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

    private static Task<string> FillOfAsync(ILocator mark) => mark.EvaluateAsync<string>("el => getComputedStyle(el).fill");
}
