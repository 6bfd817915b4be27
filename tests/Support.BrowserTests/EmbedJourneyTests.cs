using System.Text.RegularExpressions;
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
    public async Task Remind_me_later_in_the_embedded_prompt_sets_a_reminder_there_and_the_prompt_stays_hidden_across_page_loads()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.Allowed.Origin + PublisherSite.InlinePath);
        await Expect(page.Prompt()).ToBeVisibleAsync();

        await page.Prompt().GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Remind me later" }).ClickAsync();
        var form = page.Prompt().Locator(".prompt__reminder");
        await Expect(form.GetByRole(AriaRole.Heading, new LocatorGetByRoleOptions { Name = "When should we remind you?" })).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(browser.Allowed.Origin + PublisherSite.InlinePath);
        await Expect(page.Prompt().Locator("form.prompt__form")).ToBeHiddenAsync();
        await page.AssertNoSeriousViolationsAsync();

        await form.GetByRole(AriaRole.Radio, new LocatorGetByRoleOptions { NameRegex = new Regex("^In 1 week") }).CheckAsync();
        await form.GetByLabel("Email (optional)").FillAsync("not an address");
        await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remind me" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("That email address does not look right.");

        var email = $"embed-remind-{Guid.NewGuid():N}@example.org";
        await form.GetByLabel("Email (optional)").FillAsync(email);
        await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remind me" }).ClickAsync();
        var done = page.Prompt().GetByRole(AriaRole.Heading, new LocatorGetByRoleOptions { Name = "We will remind you" });
        await Expect(done).ToBeFocusedAsync();
        await Expect(page.Prompt()).ToContainTextAsync($"We will send you one email at {email} on");
        await page.AssertNoSeriousViolationsAsync();

        var asked = page.WaitForResponseAsync("**/embed/prompt?**");
        await page.ReloadAsync();
        Assert.Equal(200, (await asked).Status);
        await Expect(page.Prompt()).ToHaveCountAsync(0);
        await page.GotoAsync(browser.Allowed.Origin + PublisherSite.BannerPath);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Prompt()).ToHaveCountAsync(0);
        var violations = browser.TakePolicyViolations();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [SkippableFact]
    public async Task The_embedded_prompts_button_names_the_amount_and_frequency_the_reader_picks()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.Allowed.Origin + PublisherSite.InlinePath);
        await Expect(page.Prompt()).ToBeVisibleAsync();

        await page.ChooseFrequencyAsync("One time");
        await Expect(page.Prompt().Locator("#amount-once-2500")).ToBeCheckedAsync();
        await Expect(page.AnyGiveButton()).ToHaveAccessibleNameAsync("Give $25 once");
        await page.CustomAmount().FillAsync("40");
        await Expect(page.Prompt().Locator("#amount-once-other")).ToBeCheckedAsync();
        await Expect(page.AnyGiveButton()).ToHaveAccessibleNameAsync("Give $40 once");
        await page.PresetAmount(50, "once").ClickAsync();

        await Expect(page.AnyGiveButton()).ToHaveAccessibleNameAsync("Give $50 once");
        await Expect(page.CustomAmount()).ToHaveValueAsync("");
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
