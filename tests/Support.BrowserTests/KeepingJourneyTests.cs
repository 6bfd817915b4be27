using Support.BrowserTests.Infrastructure;
using Support.Data.Supporters;
using Support.Tests.Account;
using Support.Tests.Keeping;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

public sealed class KeepingBrowserApp : BrowserApp<AccountAppFactory>;

/// <summary>
/// Issue 16 in Chromium: a failed renewal's email link lands on the portal's card form; pause and resume from the
/// account page; the save offer beside the cancel button. Axe finds no serious violation on the new pages.
/// </summary>
public sealed class KeepingJourneyTests(KeepingBrowserApp browser, ITestOutputHelper output) : IClassFixture<KeepingBrowserApp>
{
    private AccountAppFactory App => browser.App;

    [SkippableFact]
    public async Task Card_failure_email_link_opens_the_portal_card_update_in_one_click_and_returns_to_the_account()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = AccountSteps.NewEmail("dunning");
        using (var gift = App.CreateBrowserClient())
        {
            var contribution = await App.BecomeSupporterAsync(gift, email, "5", card: "4000 0000 0000 0341");
            await App.Emulator.AdvanceMonthAsync(contribution.StripeSubscriptionId!);
        }
        var message = await App.WaitForSubjectAsync(email, "Your payment to The Moscow Times did not go through");

        await page.GotoAsync(KeepingSteps.LinkIn(message));

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stripe-emulator/portal/"));
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/34");
        await page.GetByLabel("CVC").FillAsync("123");
        await page.GetByLabel("Name on card").FillAsync("Test Reader");
        await page.Button("Save card").ClickAsync();
        await Expect(page).ToHaveURLAsync(Infrastructure.Supporter.AccountUrl());
        await Expect(page.Notice().First).ToContainTextAsync("your card is updated");
        await Expect(page.Locator("main")).ToContainTextAsync($"Signed in as {email}");
        await page.SaveAsync("account-after-card-update", Viewports.Desktop, output);
        await page.AssertNoSeriousViolationsAsync();
    }

    [SkippableFact]
    public async Task Supporter_pauses_for_two_months_then_resumes_from_the_account_page()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = AccountSteps.NewEmail("pause");
        using (var gift = App.CreateBrowserClient())
        {
            await App.BecomeSupporterAsync(gift, email, "5");
        }
        await page.SignInByEmailedLinkAsync(App, email);

        await page.GetByLabel("2 months").CheckAsync();
        await page.Button("Pause").ClickAsync();

        await Expect(page.Notice().First).ToContainTextAsync("Your monthly gift is paused");
        await Expect(page.Contribution().Locator(".status")).ToContainTextAsync("Paused until");
        Assert.True((await App.WaitForContributionAsync(email, c => c.Paused)).Paused);
        await page.SaveAsync("account-paused", Viewports.Desktop, output);
        await page.AssertNoSeriousViolationsAsync();

        await page.Button("Resume now").ClickAsync();

        await Expect(page.Notice().First).ToContainTextAsync("Your monthly gift continues");
        await Expect(page.Contribution().Locator(".status")).ToHaveTextAsync("Active");
        Assert.False((await App.WaitForContributionAsync(email, c => !c.Paused)).Paused);
    }

    [SkippableFact]
    public async Task Save_offer_shows_beside_the_cancel_button_and_accepting_it_lowers_the_amount()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = AccountSteps.NewEmail("offer");
        using (var gift = App.CreateBrowserClient())
        {
            await App.BecomeSupporterAsync(gift, email, "10");
        }
        await page.SignInByEmailedLinkAsync(App, email);

        await page.Button("Cancel my gift…").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Cancel your monthly gift of $10.00");
        await Expect(page.Button("Cancel at the end of this period")).ToBeVisibleAsync();
        await Expect(page.Button("Give $5.00 a month instead")).ToBeVisibleAsync();
        await page.SaveAsync("account-save-offer", Viewports.Desktop, output);
        await page.AssertNoSeriousViolationsAsync();

        await page.Button("Give $5.00 a month instead").ClickAsync();

        await Expect(page.Notice().First).ToContainTextAsync("lower amount is saved");
        await Expect(page.Contribution().Locator("h2")).ToHaveTextAsync("$5.00 a month");
        Assert.Equal(ContributionStatus.Active, (await App.WaitForContributionAsync(email, c => c.AmountCents == 500)).Status);
    }
}
