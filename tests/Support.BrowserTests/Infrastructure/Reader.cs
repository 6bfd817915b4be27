using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests.Infrastructure;

/// <summary>What a reader does in the browser: open articles, use the prompt, pay on the emulator's page.</summary>
public static partial class Reader
{
    public const string ArticlePath = "/articles/putin-criticizes-us-counterterrorism-cooperation";
    public const string NextArticlePath = "/articles/why-readers-fund-our-newsroom";
    public const string GoodCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";

    public static ILocator Prompt(this IPage page) => page.Locator("#support-prompt");

    public static ILocator GiveButton(this IPage page) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Support us monthly" });

    /// <summary>The preset amount's visible button (the radio itself is visually hidden behind its label).</summary>
    public static ILocator PresetAmount(this IPage page, int dollars) =>
        page.Prompt().Locator($"label[for='amount-{dollars * 100}']");

    /// <summary>Chooses a preset on the article's prompt and submits it; lands on the emulator's checkout page.</summary>
    public static async Task ChooseMonthlyAmountAsync(this IPage page, int dollars)
    {
        await page.GotoAsync(ArticlePath);
        await page.PresetAmount(dollars).ClickAsync();
        await page.GiveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(EmulatorCheckoutUrl());
    }

    /// <summary>Fills and submits the emulator's hosted checkout form, as a reader would.</summary>
    public static async Task PayOnEmulatorAsync(this IPage page, string email, string card)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Card number").FillAsync(card);
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/34");
        await page.GetByLabel("CVC").FillAsync("123");
        await page.GetByLabel("Name on card").FillAsync("Test Reader");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = SubscribeButton() }).ClickAsync();
    }

    /// <summary>The whole gift: article → amount → emulator → thank-you page.</summary>
    public static async Task GiveMonthlyAsync(this IPage page, int dollars, string email)
    {
        await page.ChooseMonthlyAmountAsync(dollars);
        await page.PayOnEmulatorAsync(email, GoodCard);
        await Expect(page).ToHaveURLAsync(ThanksUrl());
    }

    /// <summary>Types a custom amount on the article's prompt and submits it; returns the app's answer.</summary>
    public static async Task<IResponse> SubmitCustomAmountAsync(this IPage page, string amount)
    {
        await page.GotoAsync(ArticlePath);
        await page.GetByLabel("Other monthly amount").FillAsync(amount);
        return await page.RunAndWaitForResponseAsync(() => page.GiveButton().ClickAsync(), "**/support/checkout");
    }

    /// <summary>Follows the prompt's "Remind me later" link from the article to the reminder form.</summary>
    public static async Task OpenReminderFormAsync(this IPage page)
    {
        await page.GotoAsync(ArticlePath);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Remind me later" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("When should we remind you?");
    }

    [GeneratedRegex("/stripe-emulator/checkout/")]
    public static partial Regex EmulatorCheckoutUrl();

    [GeneratedRegex("/support/thanks\\?session_id=")]
    public static partial Regex ThanksUrl();

    [GeneratedRegex("^Subscribe")]
    private static partial Regex SubscribeButton();
}
