using Support.BrowserTests.Infrastructure;
using Support.Tests.Account;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>
/// The supporter's pages on the way into their account, at desktop and phone width: axe finds no serious or
/// critical violation on any of them, and each is screenshotted (see <see cref="Screenshots"/>).
/// </summary>
public sealed class AccountPageAccessibilityTests(AccountBrowserApp browser, ITestOutputHelper output) : IClassFixture<AccountBrowserApp>
{
    [SkippableTheory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Phone)]
    public async Task Sign_in_check_your_email_confirm_and_account_pages_have_no_serious_accessibility_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var email = AccountSteps.NewEmail($"pages-{width}");
        using (var gift = browser.App.CreateBrowserClient())
        {
            await browser.App.BecomeSupporterAsync(gift, email); // The gift is not under test here: plain HTTP is quicker.
        }

        await page.GotoAsync("/account");
        await page.SaveAsync("account-sign-in", width, output);
        await page.AssertNoSeriousViolationsAsync();

        await page.RequestSignInLinkAsync(email);
        await page.SaveAsync("account-check-email", width, output);
        await page.AssertNoSeriousViolationsAsync();

        await page.OpenEmailedLinkAsync(browser.App, email);
        await page.SaveAsync("account-confirm-sign-in", width, output);
        await page.AssertNoSeriousViolationsAsync();

        await page.ConfirmSignInAsync();
        await Expect(page.Contribution().Locator("h2")).ToHaveTextAsync("$5.00 a month");
        await page.SaveAsync("account", width, output);
        await page.AssertNoSeriousViolationsAsync();
    }
}
