using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>
/// "Remind me later" opens the reminder form. The app runs with the test reminder settings (in-memory jobs, local
/// SMTP); their first choice is due in a second, so the tests choose a week.
/// </summary>
public sealed class RemindMeLaterTests(ReminderPromptApp browser, ITestOutputHelper output) : IClassFixture<ReminderPromptApp>
{
    [SkippableFact]
    public async Task Remind_me_later_without_email_returns_to_the_article_without_the_prompt()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenReminderFormAsync();
        await page.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { NameRegex = new Regex("^In 1 week") }).CheckAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remind me" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(Reader.ArticlePath + "$"));
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Prompt()).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.Prompt()).ToHaveCountAsync(0);
    }

    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Remind_me_later_with_email_shows_the_confirmation_without_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await page.OpenReminderFormAsync();
        await page.SaveAsync("reminder-form", width, output);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { NameRegex = new Regex("^In 1 week") }).CheckAsync();
        await page.GetByLabel("Email (optional)").FillAsync($"remind.{width}@example.org");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remind me" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("We will remind you");
        await Expect(page.Locator("main")).ToContainTextAsync($"We will send you one email at remind.{width}@example.org on");
        await page.SaveAsync("reminder-set", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }
}
