using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Support.Tests.Account;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests.Infrastructure;

/// <summary>
/// What a supporter does in the browser on /account. The sign-in link is read from the message the app sent to
/// the in-process SMTP server (<see cref="AccountSteps.WaitForLinkAsync"/>), as the reader would from their inbox.
/// </summary>
public static partial class Supporter
{
    public static ILocator Button(this IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    /// <summary>The account page's box for the supporter's one contribution.</summary>
    public static ILocator Contribution(this IPage page) => page.Locator("article.contribution");

    public static ILocator Notice(this IPage page) => page.Locator(".notice");

    /// <summary>Asks for a sign-in link on /account; lands on the "check your email" page.</summary>
    public static async Task RequestSignInLinkAsync(this IPage page, string email)
    {
        await page.GotoAsync("/account");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Manage your support");
        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await page.Button("Email me a sign-in link").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");
    }

    /// <summary>Opens the link from the newest sign-in email: the page asks to confirm with a button.</summary>
    public static async Task OpenEmailedLinkAsync(this IPage page, AccountAppFactory app, string email)
    {
        await page.GotoAsync(await app.WaitForLinkAsync(email));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to your account");
    }

    /// <summary>Presses the confirm page's button; lands on the account page.</summary>
    public static async Task ConfirmSignInAsync(this IPage page)
    {
        await page.Button("Sign in").ClickAsync();
        await Expect(page).ToHaveURLAsync(AccountUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your support");
    }

    /// <summary>The whole sign-in: request the link, open it from the email, confirm.</summary>
    public static async Task SignInByEmailedLinkAsync(this IPage page, AccountAppFactory app, string email)
    {
        await page.RequestSignInLinkAsync(email);
        await page.OpenEmailedLinkAsync(app, email);
        await page.ConfirmSignInAsync();
    }

    [GeneratedRegex(@"/account(\?done=\w+)?$")]
    public static partial Regex AccountUrl();
}
