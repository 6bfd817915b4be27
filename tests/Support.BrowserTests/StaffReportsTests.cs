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

        await StaffBrowserApp.SignInAsync(page);

        await Expect(page.Locator("h1")).ToHaveTextAsync($"Contributions, {ReportHistory.From} to {ReportHistory.To}");
        Assert.EndsWith(ReportsPath, page.Url);
        foreach (var title in ChartTitles)
        {
            await Charts.AssertDrawnAsync(page.GetByRole(AriaRole.Img, new PageGetByRoleOptions { NameRegex = new Regex("^" + Regex.Escape(title)) }));
        }
        var movement = page.Locator("svg:has(#movement-title)");
        Assert.NotEqual(await FillOfAsync(movement.Locator(".chart__bar--0").First), await FillOfAsync(movement.Locator(".chart__bar--1").First));
        await page.SaveAsync("staff-reports", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }

    private static Task<string> FillOfAsync(ILocator mark) => mark.EvaluateAsync<string>("el => getComputedStyle(el).fill");
}
