using Support.BrowserTests.Infrastructure;
using Support.Tests.Reminders;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>The "Remind me later" form used with the keyboard alone (test reminder settings: see RemindMeLaterTests).</summary>
public sealed class ReminderKeyboardTests(ReminderPromptApp browser) : IClassFixture<ReminderPromptApp>
{
    [SkippableFact]
    public async Task Reminder_form_can_be_filled_and_submitted_with_tab_arrows_space_and_enter_alone_with_visible_focus()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = ReminderTestData.NewEmail("keyboard");
        await page.OpenReminderFormAsync();

        await page.TabUntilAsync("input[name='choice']");
        await Expect(page.Locator("#choice-soon")).ToBeFocusedAsync();
        await page.AssertFocusIsVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#choice-1w")).ToBeFocusedAsync();
        await Expect(page.Locator("#choice-1w")).ToBeCheckedAsync();
        await page.AssertFocusIsVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Email (optional)")).ToBeFocusedAsync();
        await page.AssertFocusIsVisibleAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("We will remind you");
        await Expect(page.Locator("main")).ToContainTextAsync($"We will send you one email at {email} on");
        var reminder = Assert.Single(await browser.App.RemindersForAsync(email));
        Assert.InRange(reminder.DueAt - reminder.CreatedAt, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
    }
}
