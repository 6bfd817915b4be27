using Microsoft.Playwright;
using Support.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Support.BrowserTests;

/// <summary>Finding 4 in a real browser: the pages work under their own Content-Security-Policy, which refuses nothing of ours.</summary>
public sealed class ContentSecurityPolicyTests(BannerPromptApp browser) : IClassFixture<BannerPromptApp>
{
    [SkippableFact]
    public async Task The_job_dashboard_works_under_its_own_relaxed_policy()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = $"csp-admin-{Guid.NewGuid():N}@newsroom.example";
        await Support.Tests.Staff.StaffSessions.CreateAccountAsync(browser.App, email, Support.Data.Staff.StaffRoles.Admin);
        await page.GotoAsync("/staff/login?returnUrl=/staff/jobs");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Support.Tests.Staff.StaffSessions.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Support background jobs"));
        // The dashboard's own script draws its live chart once it has run.
        await Expect(page.Locator("canvas, svg").First).ToBeVisibleAsync();
        var violations = browser.TakePolicyViolations();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [SkippableFact]
    public async Task The_inline_script_runs_and_nothing_of_the_pages_is_refused()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var path in new[] { Reader.ArticlePath, "/", "/support", "/reminders/new", "/account", "/staff/login", "/articles/no-such-article" })
        {
            await page.GotoAsync(path);
            // The class is set by the one inline script: it ran, so its hash is right.
            Assert.Equal("js", await page.EvaluateAsync<string>("document.documentElement.className"));
        }
        await page.GotoAsync(Reader.ArticlePath);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Close this message" }).ClickAsync();
        await Expect(page.Prompt()).ToBeHiddenAsync();

        Assert.Empty(browser.PolicyViolations);
    }

    [SkippableFact]
    public async Task A_script_injected_into_a_page_is_refused()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Reader.ArticlePath);

        var ran = await page.EvaluateAsync<bool>("""
            () => new Promise(resolve => {
              window.injected = false;
              const script = document.createElement('script');
              script.textContent = 'window.injected = true';
              document.head.appendChild(script);
              setTimeout(() => resolve(window.injected), 100);
            })
            """);

        Assert.False(ran);
        Assert.Contains(browser.TakePolicyViolations(), v => v.Contains("script-src", StringComparison.Ordinal));
    }
}
