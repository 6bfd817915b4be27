using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using Support.Web.Experiments;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>The app with an administrator who runs prompt experiments.</summary>
public sealed class ExperimentBrowserApp : BrowserApp<SupportAppFactory>
{
    public const string AdminEmail = "experiments.admin@newsroom.example";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Chromium.IsInstalled)
        {
            await App.CreateAccountAsync(AdminEmail, StaffRoles.Admin);
        }
    }
}

/// <summary>
/// An admin starts a two-variant experiment in the staff area; fresh browsers see their variants; the one shown
/// "B" gives, and the results page credits B; axe finds nothing serious on the staff pages or the variant's article.
/// </summary>
public sealed class ExperimentJourneyTests(ExperimentBrowserApp browser, ITestOutputHelper output) : IClassFixture<ExperimentBrowserApp>
{
    private const string HeadingA = "Journalism needs readers like you";
    private const string HeadingB = "Keep our reporting free for everyone";

    [SkippableFact]
    public async Task An_admin_tests_two_headings_and_the_results_credit_the_variant_that_was_given_through()
    {
        await using var staff = await browser.NewContextAsync();
        var admin = await staff.NewPageAsync();
        await admin.GotoAsync("/staff/experiments");
        await admin.GetByLabel("Email").FillAsync(ExperimentBrowserApp.AdminEmail);
        await admin.GetByLabel("Password").FillAsync(StaffSessions.Password);
        await admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Prompt experiments");
        await admin.AssertNoSeriousViolationsAsync();

        await admin.Locator("#exp-name").FillAsync("Two headings");
        await admin.Locator("#v0-heading").FillAsync(HeadingA);
        await admin.Locator("#v1-heading").FillAsync(HeadingB);
        await admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Start the experiment" }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Two headings");
        var resultsUrl = admin.Url;

        // Fresh browsers until each heading has been seen (each has a one-in-two chance per browser).
        var readers = new Dictionary<string, IBrowserContext>();
        for (var tries = 0; tries < 40 && readers.Count < 2; tries++)
        {
            var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(Reader.ArticlePath);
            var heading = await page.Locator("#prompt-heading").TextContentAsync();
            if (heading is not null && !readers.ContainsKey(heading))
            {
                readers[heading] = context;
                continue;
            }
            await context.DisposeAsync();
        }
        Assert.Contains(HeadingA, readers.Keys);
        Assert.Contains(HeadingB, readers.Keys);

        var giver = await readers[HeadingB].NewPageAsync();
        await giver.GotoAsync(Reader.ArticlePath);
        await Expect(giver.Locator("#prompt-heading")).ToHaveTextAsync(HeadingB);
        await giver.AssertNoSeriousViolationsAsync();
        await giver.GiveMonthlyAsync(5, "experiment.giver@example.org");
        await browser.App.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        await browser.App.Services.GetRequiredService<ExperimentSync>().FlushAsync(CancellationToken.None);

        await admin.GotoAsync(resultsUrl);
        var rowB = admin.Locator("tbody tr").Nth(1);
        await Expect(rowB.Locator("th")).ToHaveTextAsync("Variant B");
        await Expect(rowB.Locator("td").Nth(5)).ToHaveTextAsync("1");
        await Expect(admin.Locator("tbody tr").Nth(0).Locator("td").Nth(5)).ToHaveTextAsync("0");
        await Expect(rowB).ToContainTextAsync("$5.00");
        await admin.SaveAsync("experiment-results", Viewports.Desktop, output);
        await admin.AssertNoSeriousViolationsAsync();
        foreach (var context in readers.Values)
        {
            await context.DisposeAsync();
        }
    }
}
