using System.Net;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Security;

/// <summary>Findings 1 and 14: a return address from a form or a link only ever leads to a path on this site.</summary>
public sealed class RedirectTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    public static TheoryData<string> Tricks() =>
    [
        "/\t/evil.example",        // browsers drop the tab and read //evil.example
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\\evil.example",
        "/%09/evil.example",       // already decoded by some proxies: kept as text, but still no host
        "/articles/\u00e9t\u00e9",  // not ASCII: cannot go into a Location header as is
        "/\u202egro.live",          // right-to-left override
        " //evil.example",
        "/" + new string('a', 5000),
    ];

    [Theory]
    [MemberData(nameof(Tricks))]
    public async Task Dismissal_with_a_crafted_return_address_goes_back_to_the_front_page(string returnUrl)
    {
        using var browser = app.CreateBrowserClient();

        var dismissed = await browser.PostFormAsync("/prompt/dismiss", new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        var expected = returnUrl == "/%09/evil.example" ? returnUrl : "/";
        Assert.Equal(expected, dismissed.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/staff/\u00e9")]
    [InlineData("/staff/\r\nSet-Cookie: x=1")]
    [InlineData("/staff/\u202ereports")]
    [InlineData("/staff/\t/evil.example")]
    [InlineData("/staff/reports\0")]
    public async Task Staff_sign_in_with_a_crafted_return_address_lands_on_the_reports(string returnUrl)
    {
        var email = $"crafted-{Guid.NewGuid():N}@newsroom.example";
        await app.CreateAccountAsync(email, StaffRoles.Staff);
        using var browser = app.CreateBrowserClient();

        var answer = await browser.SignInAsync(email, StaffSessions.Password, returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("/staff/reports", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Staff_login_page_with_a_crafted_return_address_still_shows_the_form()
    {
        using var browser = app.CreateBrowserClient();

        var page = await browser.GetAsync("/staff/login?returnUrl=%2Fstaff%2F%C3%A9%0D%0A%E2%80%AE");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = (await page.ReadHtmlAsync()).QuerySelector("input[name='ReturnUrl']");
        Assert.Equal("/staff/reports", form!.GetAttribute("value"));
    }
}
