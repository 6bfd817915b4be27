using System.Globalization;
using Support.BrowserTests.Infrastructure;
using Support.Tests.Account;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>
/// A reader gives $5 on the emulator's checkout, then manages the gift on /account after signing in with the link
/// the app emailed (read from the in-process SMTP server).
/// </summary>
public sealed class SupporterAccountJourneyTests(AccountBrowserApp browser) : IClassFixture<AccountBrowserApp>
{
    private AccountAppFactory App => browser.App;

    [SkippableFact]
    public async Task Supporter_signs_in_by_the_emailed_link_sees_the_five_dollar_gift_and_changes_it_to_seven()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = AccountSteps.NewEmail("journey");
        await page.GiveMonthlyAsync(5, email);

        await page.SignInByEmailedLinkAsync(App, email);

        await Expect(page.Locator("main")).ToContainTextAsync($"Signed in as {email}");
        await Expect(page.Contribution().Locator("h2")).ToHaveTextAsync("$5.00 a month");
        await Expect(page.Contribution().Locator(".status")).ToHaveTextAsync("Active");

        await page.GetByLabel("New monthly amount ($)").FillAsync("7");
        await page.Button("Change amount").ClickAsync();

        await Expect(page.Notice()).ToContainTextAsync("Your new amount is saved");
        await App.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(700, (await App.WaitForContributionAsync(email, c => c.AmountCents == 700)).AmountCents);
        await page.ReloadAsync();
        await Expect(page.Contribution().Locator("h2")).ToHaveTextAsync("$7.00 a month");
    }

    [SkippableFact]
    public async Task Supporter_cancels_at_period_end_with_a_reason_sees_the_end_date_and_resumes()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = AccountSteps.NewEmail("cancel");
        await page.GiveMonthlyAsync(5, email);
        await page.SignInByEmailedLinkAsync(App, email);
        var periodEnd = (await App.ContributionOfAsync(email)).CurrentPeriodEnd;
        Assert.NotNull(periodEnd);
        var periodEndText = periodEnd.Value.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        await Expect(page.Contribution().Locator(".next-payment")).ToHaveTextAsync(periodEndText);

        // The save offer comes first (ADR 0014); the cancel button is beside it, one more click.
        await page.Button("Cancel my gift…").ClickAsync();
        await page.GetByLabel("Why are you stopping? (optional)").FillAsync("Moving abroad");
        await page.Button("Cancel at the end of this period").ClickAsync();

        await Expect(page.Notice()).ToContainTextAsync("Your gift will stop at the end of the current period.");
        await Expect(page.Contribution().Locator(".status")).ToHaveTextAsync("Active, cancels at the end of this period");
        await Expect(page.Contribution().Locator(".ends")).ToHaveTextAsync(periodEndText);
        await Expect(page.Contribution().Locator(".next-payment")).ToHaveCountAsync(0);
        Assert.Equal("Moving abroad", (await App.WaitForContributionAsync(email, c => c.CancelAtPeriodEnd)).CancellationReason);

        await page.Button("Keep giving (resume)").ClickAsync();

        await Expect(page.Notice()).ToHaveTextAsync("Your gift continues. Thank you!");
        await Expect(page.Contribution().Locator(".status")).ToHaveTextAsync("Active");
        await Expect(page.Contribution().Locator(".next-payment")).ToHaveTextAsync(periodEndText);
        await Expect(page.Contribution().Locator(".ends")).ToHaveCountAsync(0);
        await Expect(page.Button("Cancel my gift…")).ToBeVisibleAsync();
        await App.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        Assert.Null((await App.WaitForContributionAsync(email, c => !c.CancelAtPeriodEnd)).CancellationReason);
    }
}
