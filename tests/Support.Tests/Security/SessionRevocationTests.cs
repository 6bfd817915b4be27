using System.Net;
using Support.Tests.Account;
using Support.Web.Account;

namespace Support.Tests.Security;

/// <summary>
/// Finding 11: a supporter's session is checked against the database on every request, so signing out ends it
/// everywhere (a copied cookie included) and deleting the account ends every session of it.
/// </summary>
public sealed class SessionRevocationTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    [Fact]
    public async Task After_signing_out_a_copy_of_the_old_cookie_reads_nothing()
    {
        var (email, browser) = await SignedInSupporterAsync();
        var stolen = CookieOf(browser);

        await AccountSteps.SubmitAsync(browser, "/account/signout", 0);

        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(stolen, "/account/data")).StatusCode);
        Assert.DoesNotContain(email, await (await WithCookieAsync(stolen, "/account")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_on_one_device_signs_out_every_device()
    {
        var (email, laptop) = await SignedInSupporterAsync();
        using var phone = app.CreateBrowserClient();
        await app.SignInAsync(phone, email, linkNumber: 2);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/account/data")).StatusCode);

        await AccountSteps.SubmitAsync(laptop, "/account/signout", 0);

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account/data")).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_account_ends_its_sessions_on_every_device()
    {
        var (email, laptop) = await SignedInSupporterAsync();
        using var phone = app.CreateBrowserClient();
        await app.SignInAsync(phone, email, linkNumber: 2);
        var stolen = CookieOf(phone);

        var deleted = await AccountSteps.SubmitAsync(laptop, "/account/delete", 0, pageUrl: "/account/delete");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(stolen, "/account/data")).StatusCode);
    }

    [Fact]
    public async Task A_session_lasts_across_requests_until_it_is_revoked()
    {
        var (_, browser) = await SignedInSupporterAsync();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/data")).StatusCode);
    }

    private async Task<(string Email, HttpClient Browser)> SignedInSupporterAsync()
    {
        var email = AccountSteps.NewEmail("session");
        var browser = app.CreateBrowserClient();
        await app.BecomeSupporterAsync(browser, email);
        await app.SignInAsync(browser, email);
        return (email, browser);
    }

    private string CookieOf(HttpClient browser)
    {
        var handler = typeof(HttpMessageInvoker).GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(browser) as HttpClientHandler;
        return handler!.CookieContainer.GetCookies(app.BaseAddress)[SupporterSession.CookieName]!.Value;
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var thief = app.CreateBrowserClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{SupporterSession.CookieName}={cookie}");
        return await thief.SendAsync(request);
    }
}
