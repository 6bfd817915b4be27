using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Support.Data.Account;
using Support.Tests.Infrastructure;
using Support.Web.Account;
using Support.Web.Prompt;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

public sealed class SignInTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    [Fact]
    public async Task Emailed_link_signs_in_once_and_shows_the_contribution()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await app.BecomeSupporterAsync(browser, email, "5");
        using var reader = app.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.OK, (await RequestLinkAsync(reader, email)).StatusCode);
        var link = await app.WaitForLinkAsync(email);
        var publisher = app.Services.GetRequiredService<IOptions<PromptOptions>>().Value.Publisher;
        Assert.Equal($"Sign in to {publisher}", app.Smtp.For(email).Single(m => m.Subject!.StartsWith("Sign in", StringComparison.Ordinal)).Subject);
        var first = await FollowLinkAsync(reader, link);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        var page = await (await reader.GetAsync("/account")).ReadHtmlAsync();
        Assert.Contains(email, page.Body!.TextContent);
        Assert.Contains("$5.00 a month", page.Body.TextContent);
        Assert.Contains("Active", page.QuerySelector(".status")!.TextContent);
        Assert.NotNull(page.QuerySelector(".next-payment"));
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("support_prompt=", StringComparison.Ordinal));
        // Signed in, the supporter's article view (authenticated, as it carries the session) shows no ask.
        Assert.DoesNotContain("support-prompt", await reader.GetStringAsync(ReaderJourney.ArticlePath));

        using var other = app.CreateBrowserClient();
        var again = await other.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("expired or has already been used", (await again.ReadHtmlAsync()).Body!.TextContent);
        Assert.NotNull((await again.ReadHtmlAsync()).QuerySelector("form[action='/account/signin']"));
    }

    [Fact]
    public async Task Opening_the_link_does_not_use_it_only_the_button_does()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await app.BecomeSupporterAsync(browser, email);
        await RequestLinkAsync(browser, email);
        var link = await app.WaitForLinkAsync(email);

        using var scanner = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(link)).StatusCode);

        Assert.Equal(HttpStatusCode.SeeOther, (await FollowLinkAsync(browser, link)).StatusCode);
    }

    [Fact]
    public async Task Link_is_valid_for_thirty_minutes_and_refused_after_it_expires()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await app.BecomeSupporterAsync(browser, email);
        await RequestLinkAsync(browser, email);
        await app.WaitForLinkAsync(email);
        var issued = await app.QueryAsync(db => db.SignInTokens.AsNoTracking().SingleAsync(t => t.Email == email));
        Assert.Equal(TimeSpan.FromMinutes(30), issued.ExpiresAt - issued.CreatedAt);
        const string token = "expired-token-for-the-test";
        await app.QueryAsync(db =>
        {
            db.SignInTokens.Add(new SignInToken
            {
                TokenHash = SignInLinks.Hash(token), Email = email,
                CreatedAt = DateTime.UtcNow.AddMinutes(-31), ExpiresAt = DateTime.UtcNow.AddMinutes(-1),
            });
            return db.SaveChangesAsync();
        });

        var shown = await browser.GetAsync($"/account/signin/{token}");
        var posted = await browser.PostFormAsync($"/account/signin/{token}", Forms.FieldsOf(
            (await (await browser.GetAsync("/account")).ReadHtmlAsync()).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form")!));

        Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.SignInTokens.Where(t => t.TokenHash == SignInLinks.Hash(token)).Select(t => t.UsedAt).SingleAsync()));
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_answer_and_no_email()
    {
        using var browser = app.CreateBrowserClient();
        var known = NewEmail();
        var unknown = NewEmail("stranger");
        await app.BecomeSupporterAsync(browser, known);

        var lastRow = await app.LastEmailRowIdAsync();
        var forKnown = await RequestLinkAsync(browser, known);
        var forUnknown = await RequestLinkAsync(browser, unknown);

        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal((await forKnown.Content.ReadAsStringAsync()).Replace(known, "EMAIL", StringComparison.Ordinal),
            (await forUnknown.Content.ReadAsStringAsync()).Replace(unknown, "EMAIL", StringComparison.Ordinal));
        await app.WaitForLinkAsync(known);
        // Both rows are settled (the stranger's skipped), so no sender can still send the stranger one.
        await app.WaitForEmailRowsSettledAsync(lastRow, atLeast: 2);
        Assert.Empty(app.Smtp.For(unknown));
        Assert.False(await app.QueryAsync(db => db.SignInTokens.AnyAsync(t => t.Email == unknown)));
    }

    [Fact]
    public async Task Only_the_hash_of_the_token_is_stored()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await app.BecomeSupporterAsync(browser, email);
        await RequestLinkAsync(browser, email);
        var token = (await app.WaitForLinkAsync(email))["/account/signin/".Length..];

        var stored = await app.QueryAsync(db => db.SignInTokens.AsNoTracking().SingleAsync(t => t.Email == email));

        Assert.Equal(SignInLinks.Hash(token), stored.TokenHash);
        Assert.NotEqual(token, stored.TokenHash);
    }

    [Fact]
    public async Task Account_actions_without_a_session_do_not_run()
    {
        using var browser = app.CreateBrowserClient();

        var response = await browser.PostFormAsync("/account/amount", new Dictionary<string, string> { ["contributionId"] = "1", ["amount"] = "7" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location!.AbsolutePath);
    }
}
