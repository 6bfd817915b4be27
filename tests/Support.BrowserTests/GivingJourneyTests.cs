using Microsoft.EntityFrameworkCore;
using Support.BrowserTests.Infrastructure;
using Support.Data.Supporters;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>Issue 15 in the browser: the frequency choice, its amounts and button, through the emulator to the thank-you page.</summary>
public sealed class GivingJourneyTests(BannerPromptApp browser) : IClassFixture<BannerPromptApp>
{
    [SkippableFact]
    public async Task One_time_gift_of_a_typed_amount_names_it_on_the_button_donates_and_offers_a_monthly_gift_after()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);

        await page.ChooseFrequencyAsync("One time");
        await Expect(page.Locator("#amount-once-2500")).ToBeCheckedAsync();
        await Expect(page.AnyGiveButton()).ToHaveAccessibleNameAsync("Give $25 once");
        await page.CustomAmount().FillAsync("40");
        await Expect(page.Locator("#amount-once-other")).ToBeCheckedAsync();
        await Expect(page.AnyGiveButton()).ToHaveAccessibleNameAsync("Give $40 once");
        await page.AnyGiveButton().ClickAsync();

        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Donate");
        await Expect(page.Locator(".amount")).ToContainTextAsync("$40.00");
        await page.PayOnEmulatorAsync("browser.once@example.org", Reader.GoodCard);
        await Expect(page).ToHaveURLAsync(Reader.ThanksUrl());
        await Expect(page.Locator("main")).ToContainTextAsync("Your gift of $40.00 has arrived.");
        var upsell = page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Give $5 every month" });
        await Expect(upsell).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await browser.App.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var gift = await browser.App.QueryAsync(db => db.Contributions.Include(c => c.Supporter).SingleAsync(c => c.Supporter.Email == "browser.once@example.org"));
        Assert.Equal((GiftFrequency.Once, 4000L, ContributionStatus.Completed), (gift.Frequency, gift.AmountCents, gift.Status));

        // The upsell in one click: Checkout for a monthly gift of the suggested amount.
        await upsell.ClickAsync();
        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Subscribe");
        await Expect(page.Locator(".amount")).ToContainTextAsync("$5.00");
    }

    [SkippableFact]
    public async Task Annual_gift_starts_on_the_annual_default_and_becomes_a_yearly_subscription()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);

        await page.ChooseFrequencyAsync("Annual");
        await Expect(page.Locator("#amount-year-6000")).ToBeCheckedAsync();
        await Expect(page.Locator(".prompt__amounts[data-frequency=month]")).ToBeHiddenAsync();
        await page.PresetAmount(120, "year").ClickAsync();
        await page.AnyGiveButton().ClickAsync();

        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await Expect(page.Locator(".amount")).ToContainTextAsync("$120.00");
        await page.PayOnEmulatorAsync("browser.annual@example.org", Reader.GoodCard);
        await Expect(page).ToHaveURLAsync(Reader.ThanksUrl());
        await Expect(page.Locator("main")).ToContainTextAsync("You are now giving $120.00 every year.");
        await browser.App.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var gift = await browser.App.QueryAsync(db => db.Contributions.Include(c => c.Supporter).SingleAsync(c => c.Supporter.Email == "browser.annual@example.org"));
        Assert.Equal((GiftFrequency.Year, 12000L), (gift.Frequency, gift.AmountCents));
    }

    [SkippableFact]
    public async Task Without_javascript_the_frequency_still_shows_its_own_amounts_and_checkout_gets_the_annual_gift()
    {
        await using var context = await browser.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);

        await page.ChooseFrequencyAsync("Annual");
        await Expect(page.Locator(".prompt__amounts[data-frequency=year]")).ToBeVisibleAsync();
        await Expect(page.Locator(".prompt__amounts[data-frequency=month]")).ToBeHiddenAsync();
        await page.PresetAmount(24, "year").ClickAsync();
        await page.AnyGiveButton().ClickAsync();

        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await Expect(page.Locator(".amount")).ToContainTextAsync("$24.00");
    }
}
