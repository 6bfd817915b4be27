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

    /// <summary>The prompt's submit button, whatever its words (they follow the frequency and amount chosen).</summary>
    public static ILocator AnyGiveButton(this IPage page) => page.Prompt().Locator("button.prompt__give");

    /// <summary>The "How often" choice: "Monthly", "Annual" or "One time" (its label is the visible control).</summary>
    public static Task ChooseFrequencyAsync(this IPage page, string label) =>
        page.Prompt().Locator(".prompt__frequency label").GetByText(label, new LocatorGetByTextOptions { Exact = true }).ClickAsync();

    /// <summary>The monthly preset's visible button (the radio itself is visually hidden behind its label).</summary>
    public static ILocator PresetAmount(this IPage page, int dollars, string frequency = "month") =>
        page.Prompt().Locator($"label[for='amount-{frequency}-{dollars * 100}']");

    /// <summary>The field for an amount of the reader's own ("Other amount (USD), at least …").</summary>
    public static ILocator CustomAmount(this IPage page) => page.Prompt().GetByLabel("Other amount");

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
        await page.CustomAmount().FillAsync(amount);
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

    /// <summary>The emulator words its button as Stripe does: Subscribe for a subscription, Donate for a one-time gift.</summary>
    [GeneratedRegex("^(Subscribe|Donate)")]
    private static partial Regex SubscribeButton();
}
