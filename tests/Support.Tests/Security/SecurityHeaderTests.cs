using System.Security.Cryptography;
using System.Text;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security;

/// <summary>Finding 4: every answer carries a strict Content-Security-Policy and its companions; personal pages are never stored.</summary>
public sealed class SecurityHeaderTests(VisitorsAppFactory app) : IClassFixture<VisitorsAppFactory>
{
    public static TheoryData<Visitor, string> Pages() => new()
    {
        { Visitor.Anonymous, "/" },
        { Visitor.Anonymous, ReaderJourney.ArticlePath },
        { Visitor.Anonymous, "/support" },
        { Visitor.Anonymous, "/reminders/new" },
        { Visitor.Anonymous, "/articles/no-such-article" },
        { Visitor.Anonymous, "/no/such/route" },
        { Visitor.Anonymous, "/css/site.css" },
        { Visitor.Anonymous, "/account" },
        { Visitor.Anonymous, "/staff/login" },
        { Visitor.Supporter, "/account" },
        { Visitor.Supporter, "/account/data" },
        { Visitor.Admin, "/staff/reports" },
        { Visitor.Admin, "/staff/users" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_answer_has_a_strict_policy_and_the_companion_headers(Visitor visitor, string path)
    {
        var answer = await app.Browser(visitor).GetAsync(path);

        var csp = Header(answer, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(answer, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(answer, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(answer, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(answer, "Permissions-Policy"));
    }

    [Fact]
    public async Task The_one_inline_script_is_allowed_by_its_hash()
    {
        var answer = await app.Browser(Visitor.Anonymous).GetAsync(ReaderJourney.ArticlePath);
        var page = await answer.ReadHtmlAsync();

        var inline = page.QuerySelectorAll("script:not([src])").Select(s => s.TextContent).ToList();
        var script = Assert.Single(inline);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}'", Header(answer, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Forms_may_go_on_to_stripes_hosted_pages_only()
    {
        var answer = await app.Browser(Visitor.Anonymous).GetAsync(ReaderJourney.ArticlePath);

        Assert.Contains("form-action 'self' https://checkout.stripe.com https://billing.stripe.com", Header(answer, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData(Visitor.Supporter, "/account")]
    [InlineData(Visitor.Supporter, "/account/data")]
    [InlineData(Visitor.Anonymous, "/account")]
    [InlineData(Visitor.Anonymous, "/staff/login")]
    [InlineData(Visitor.Admin, "/staff/users")]
    [InlineData(Visitor.Admin, "/staff/reports/supporters.csv")]
    [InlineData(Visitor.Admin, "/staff/jobs")]
    [InlineData(Visitor.Anonymous, "/support/thanks?session_id=cs_test_unknown")]
    [InlineData(Visitor.Anonymous, "/reminders/unsubscribe/unknown")]
    public async Task Personal_pages_are_never_stored(Visitor visitor, string path)
    {
        var answer = await app.Browser(visitor).GetAsync(path);

        Assert.Contains("no-store", answer.Headers.CacheControl?.ToString() ?? "");
    }

    [Fact]
    public async Task The_job_dashboard_gets_the_relaxed_policy_it_needs_and_is_never_stored()
    {
        var answer = await app.Browser(Visitor.Admin).GetAsync("/staff/jobs");

        Assert.Contains("style-src 'self' 'unsafe-inline'", Header(answer, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(answer, "Content-Security-Policy"));
        Assert.Contains("no-store", answer.Headers.CacheControl?.ToString() ?? "");
    }

    [Fact]
    public async Task Articles_may_be_cached()
    {
        var answer = await app.Browser(Visitor.Anonymous).GetAsync(ReaderJourney.ArticlePath);

        Assert.DoesNotContain("no-store", answer.Headers.CacheControl?.ToString() ?? "");
    }

    [Fact]
    public async Task A_publisher_that_frames_its_pages_names_the_allowed_origins()
    {
        using var framed = new FramedApp();
        using var browser = framed.CreateBrowserClient();

        var answer = await browser.GetAsync(ReaderJourney.ArticlePath);

        Assert.Contains("frame-ancestors 'self' https://news.publisher.example", Header(answer, "Content-Security-Policy"));
        Assert.False(answer.Headers.Contains("X-Frame-Options"));
    }

    private static string Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{answer.RequestMessage!.RequestUri}: no {name} header ({(int)answer.StatusCode}).");

    private sealed class FramedApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Site:AllowedOrigins:0", "https://news.publisher.example"),
            new("Site:AllowFramingByAllowedOrigins", "true"),
        ];
    }
}
