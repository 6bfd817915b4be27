using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;
using Support.Web.Prompt;

namespace Support.Tests.Prompt;

/// <summary>The prompt cookie's header is made once per second, state text and scheme, and always opens to its text.</summary>
public sealed class PromptCookieHeadersTests
{
    private readonly IDataProtector _protector = new EphemeralDataProtectionProvider().CreateProtector("Support.Prompt.v1");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-03T06:00:00Z", CultureInfo.InvariantCulture));

    private PromptCookieHeaders Headers(string? domain = null) => new(_protector, _time, domain);

    private string Opened(string header) => _protector.Unprotect(SetCookieHeaderValue.Parse(header).Value.ToString());

    [Fact]
    public void The_same_text_in_the_same_second_gets_the_same_header()
    {
        var headers = Headers();

        var first = headers.Get("2;i=1796277600", secure: false);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        var second = headers.Get("2;i=1796277600", secure: false);

        Assert.Equal(first, second);
        Assert.Equal("2;i=1796277600", Opened(second));
    }

    [Fact]
    public void The_next_second_protects_again()
    {
        var headers = Headers();

        var first = headers.Get("2;i=1796277600", secure: false);
        _time.Advance(TimeSpan.FromSeconds(1));
        var next = headers.Get("2;i=1796277600", secure: false);

        Assert.NotEqual(SetCookieHeaderValue.Parse(first).Value, SetCookieHeaderValue.Parse(next).Value);
        Assert.Equal("2;i=1796277600", Opened(next));
    }

    [Fact]
    public void Different_texts_and_schemes_never_share_a_header()
    {
        var headers = Headers();

        var a = headers.Get("2;i=1796277600;a=3:7", secure: false);
        var b = headers.Get("2;i=1796277600;a=3:8", secure: false);
        var secure = headers.Get("2;i=1796277600;a=3:7", secure: true);

        Assert.Equal("2;i=1796277600;a=3:7", Opened(a));
        Assert.Equal("2;i=1796277600;a=3:8", Opened(b));
        Assert.False(SetCookieHeaderValue.Parse(a).Secure);
        Assert.True(SetCookieHeaderValue.Parse(secure).Secure);
    }

    [Fact]
    public void The_header_keeps_the_cookie_for_a_year_for_the_whole_site_and_from_scripts()
    {
        var cookie = SetCookieHeaderValue.Parse(Headers("example.org").Get("2;s", secure: true));

        Assert.Equal(PromptCookie.Name, cookie.Name.ToString());
        Assert.Equal(_time.GetUtcNow().AddYears(1), cookie.Expires);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path.ToString());
        Assert.Equal("example.org", cookie.Domain.ToString());
        Assert.Null(SetCookieHeaderValue.Parse(Headers().Get("2;s", secure: false)).Domain.Value);
    }

    [Fact]
    public void Texts_beyond_the_limit_are_made_each_time()
    {
        var headers = Headers();
        for (var i = 0; i < PromptCookieHeaders.MaxTexts; i++)
        {
            headers.Get($"2;i={i}", secure: false);
        }

        var once = headers.Get("2;i=returning", secure: false);
        var twice = headers.Get("2;i=returning", secure: false);

        Assert.NotEqual(once, twice);
        Assert.Equal(headers.Get("2;i=0", secure: false), headers.Get("2;i=0", secure: false));
    }
}
