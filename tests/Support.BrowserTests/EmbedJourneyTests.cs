using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>The prompt on a publisher's own page (another site than Support's), through the snippet of docs/embed.md.</summary>
public sealed class EmbedJourneyTests(EmbedBrowserApp browser) : IClassFixture<EmbedBrowserApp>
{
    [SkippableFact]
    public async Task The_embedded_banner_renders_is_axe_clean_and_stays_closed_across_page_loads()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var article = browser.Allowed.Origin + PublisherSite.BannerPath;

        await page.GotoAsync(article);
        await Expect(page.Prompt()).ToBeVisibleAsync();
        await Expect(page.Prompt().GetByRole(AriaRole.Heading)).ToContainTextAsync("A Message from");
        await page.AssertNoSeriousViolationsAsync();
        var dismissed = page.WaitForResponseAsync("**/embed/dismiss");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close this message" }).ClickAsync();
        await Expect(page.Prompt()).ToBeHiddenAsync();
        Assert.Equal(200, (await dismissed).Status);

        var asked = page.WaitForResponseAsync("**/embed/prompt?**");
        await page.ReloadAsync();
        Assert.Equal(200, (await asked).Status);
        await Expect(page.Prompt()).ToHaveCountAsync(0);
        var violations = browser.TakePolicyViolations();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [SkippableFact]
    public async Task A_gift_from_the_inline_prompt_returns_to_the_publishers_article_which_then_shows_no_prompt()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var article = browser.Allowed.Origin + PublisherSite.InlinePath;
        await page.GotoAsync(article);
        await Expect(page.Locator("[data-support-prompt] #support-prompt")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.CustomAmount().FillAsync("7");
        await page.AnyGiveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(Reader.EmulatorCheckoutUrl());
        var asked = page.WaitForResponseAsync("**/embed/prompt?**");
        await page.PayOnEmulatorAsync($"embed-{Guid.NewGuid():N}@example.org", Reader.GoodCard);

        Assert.Equal(200, (await asked).Status);
        await Expect(page).ToHaveURLAsync(article);
        await Expect(page.Prompt()).ToHaveCountAsync(0);
        var again = page.WaitForResponseAsync("**/embed/prompt?**");
        await page.ReloadAsync();
        await again;
        await Expect(page.Prompt()).ToHaveCountAsync(0);
        var violations = browser.TakePolicyViolations();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [SkippableFact]
    public async Task The_same_page_on_a_site_that_is_not_allowed_gets_no_prompt()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var asked = page.WaitForRequestAsync("**/embed/prompt?**");

        await page.GotoAsync(browser.NotAllowed.Origin + PublisherSite.InlinePath);

        // Without a CORS header the browser does not hand the 403 to the page: the fetch fails, or reads a 403.
        var answer = await (await asked).ResponseAsync();
        Assert.True(answer is null || answer.Status == 403, $"The prompt's JSON answered {answer?.Status} to a site that is not allowed.");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Prompt()).ToHaveCountAsync(0);
    }
}
