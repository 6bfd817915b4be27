using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using Support.Tests.Reports;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>
/// A staff member opens the MRR movements on <see cref="MovementHistory"/>, signs in on the way, reads the month
/// movements table and the cohort heat map with its data table, and follows March's contraction to the supporter
/// behind it, at desktop and phone width; axe finds no serious or critical violation on the page or its drill-down.
/// </summary>
public sealed class StaffMovementsTests(MovementsBrowserApp browser, ITestOutputHelper output) : IClassFixture<MovementsBrowserApp>
{
    private const string MovementsPath = $"/staff/reports/movements?from={MovementHistory.From}&to={MovementHistory.To}";

    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Staff_read_the_movements_and_cohorts_and_drill_down_to_a_movements_supporters_with_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.GotoAsync(MovementsPath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff sign-in");
        await StaffBrowserApp.SignInAsync(page);

        await Expect(page.Locator("h1")).ToHaveTextAsync($"MRR movements and cohorts, {MovementHistory.From} to {MovementHistory.To}");
        var movements = page.GetByRole(AriaRole.Table, new PageGetByRoleOptions { Name = "MRR movements per month" });
        var march = movements.Locator("tr[data-month='2025-03']");
        await Expect(march.Locator("td[data-kind='Contraction']")).ToHaveTextAsync("$8.00 (1)");
        await Expect(march.Locator("td[data-kind='InvoluntaryChurn']")).ToHaveTextAsync("$5.00 (1)");

        var heatMap = page.GetByRole(AriaRole.Img, new PageGetByRoleOptions { NameRegex = new Regex("^Share of each cohort still giving") });
        await Charts.AssertDrawnAsync(heatMap);
        var cutOff = await heatMap.EvaluateAsync<string[]>(
            "svg => [...svg.querySelectorAll('text')].filter(t => t.getBBox().x < 0).map(t => t.textContent)");
        Assert.Empty(cutOff); // every row label starts inside the image
        await page.GetByText("Data for “Share of each cohort still giving").ClickAsync();
        var january = page.Locator("figure:has(#cohorts-title) details table tbody tr").First;
        await Expect(january.Locator("th")).ToHaveTextAsync("2025-01 (3)");
        await Expect(january.Locator("td")).ToHaveTextAsync(["100 %", "67 %", "67 %", "100 %", "67 %", "67 %"]);
        await page.SaveAsync("staff-movements", width, output);
        await page.AssertNoSeriousViolationsAsync();

        await march.Locator("td[data-kind='Contraction'] a").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Contributions behind contraction in 2025-03" })).ToBeVisibleAsync();
        var drilled = page.Locator("#drill tbody tr");
        await Expect(drilled).ToHaveCountAsync(1);
        await Expect(drilled.Locator("td").Nth(2)).ToHaveTextAsync("b@movements.example");
        await Expect(drilled.Locator("td").Nth(5)).ToHaveTextAsync("$20.00");
        await Expect(drilled.Locator("td").Nth(6)).ToHaveTextAsync("$12.00");
        await page.SaveAsync("staff-movements-drill", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }
}
