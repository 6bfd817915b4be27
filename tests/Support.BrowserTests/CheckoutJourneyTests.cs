using Microsoft.EntityFrameworkCore;
using Support.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

public sealed class CheckoutJourneyTests(BannerPromptApp browser) : IClassFixture<BannerPromptApp>
{
    [SkippableFact]
    public async Task Five_dollar_gift_with_the_good_card_lands_on_thank_you_and_the_next_article_has_no_prompt()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GiveMonthlyAsync(5, "browser.reader@example.org");

        await Expect(page.Locator("h1")).ToContainTextAsync("Thank you");
        await Expect(page.Locator("main")).ToContainTextAsync("$5.00 every month");
        await page.GotoAsync(Reader.NextArticlePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Why Readers Fund Our Newsroom");
        await Expect(page.Prompt()).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task Declined_card_shows_the_emulators_message_and_creates_no_supporter()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.ChooseMonthlyAmountAsync(5);

        await page.PayOnEmulatorAsync("declined.reader@example.org", Reader.DeclinedCard);

        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync("Your card was declined.");
        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        await browser.App.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        Assert.False(await browser.App.QueryAsync(db => db.Supporters.AnyAsync(s => s.Email == "declined.reader@example.org")));
    }

    [SkippableFact]
    public async Task Custom_amount_of_one_dollar_fifty_is_refused_with_the_minimum_in_the_message()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.SubmitCustomAmountAsync("1.50");

        Assert.Equal(422, response.Status);
        await Expect(page.Prompt().GetByRole(Microsoft.Playwright.AriaRole.Alert))
            .ToContainTextAsync("The smallest monthly amount is $2.00.");
        await Expect(page.CustomAmount()).ToHaveValueAsync("1.50");
    }
}
