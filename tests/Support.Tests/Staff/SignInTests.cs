using System.Net;
using Support.Data.Staff;
using Support.Tests.Infrastructure;

namespace Support.Tests.Staff;

public sealed class SignInTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task Signing_in_returns_to_the_page_that_asked_for_it()
    {
        await app.CreateAccountAsync("returns@newsroom.example", StaffRoles.Staff);
        using var browser = app.CreateBrowserClient();

        var answer = await browser.SignInAsync("returns@newsroom.example", StaffSessions.Password, "/staff/reports?currency=usd");

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("/staff/reports?currency=usd", answer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff/reports")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_off_site(string returnUrl)
    {
        await app.CreateAccountAsync($"offsite-{Guid.NewGuid():N}@newsroom.example", StaffRoles.Staff);
        var email = (await app.QueryAsync(db => Task.FromResult(db.Users.OrderByDescending(u => u.CreatedAt).First().Email!)));
        using var browser = app.CreateBrowserClient();

        var answer = await browser.SignInAsync(email, StaffSessions.Password, returnUrl);

        Assert.Equal("/staff/reports", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_form_again()
    {
        await app.CreateAccountAsync("wrong@newsroom.example", StaffRoles.Staff);
        using var browser = app.CreateBrowserClient();

        var answer = await browser.SignInAsync("wrong@newsroom.example", "Not-the-password-1");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("do not match an active staff account", await answer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff/reports")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        await app.CreateAccountAsync("locked@newsroom.example", StaffRoles.Admin);
        using var browser = app.CreateBrowserClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignInAsync("locked@newsroom.example", $"Guess-number-{attempt}")).StatusCode);
        }
        var fifth = await browser.SignInAsync("locked@newsroom.example", "Guess-number-5");
        var rightPassword = await browser.SignInAsync("locked@newsroom.example", StaffSessions.Password);

        // The same answer as any wrong password (Security/StaffSignInAbuseTests): the lock shows only in that it holds.
        Assert.Equal(HttpStatusCode.BadRequest, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rightPassword.StatusCode);
        Assert.Contains("locked for 15 minutes", await rightPassword.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff/reports")).StatusCode);
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused()
    {
        await app.CreateAccountAsync("forged@newsroom.example", StaffRoles.Admin);
        using var browser = app.CreateBrowserClient();

        var answer = await browser.PostFormAsync("/staff/login", new Dictionary<string, string>
        {
            ["Email"] = "forged@newsroom.example",
            ["Password"] = StaffSessions.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff/reports")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = await app.StaffBrowserAsync(StaffRoles.Staff);

        var answer = await browser.SubmitFormAsync("/staff/reports", "/staff/logout");

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/staff/reports")).StatusCode);
    }

    [Fact]
    public async Task Every_staff_form_carries_an_antiforgery_token()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        foreach (var page in new[] { "/staff/login", "/staff/reports", "/staff/users" })
        {
            var html = await (await admin.GetAsync(page)).ReadHtmlAsync();
            var posting = html.QuerySelectorAll("form[method=post]");
            Assert.All(posting, form => Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']")));
        }
    }
}
