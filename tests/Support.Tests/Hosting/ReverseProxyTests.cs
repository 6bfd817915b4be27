using System.Net;
using Support.Tests.Infrastructure;
using Support.Tests.Reminders;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy every reader arrives from the proxy's address over plain HTTP. Forwarded headers from a
/// trusted proxy restore the reader's address (per-reader rate limits) and scheme (Secure cookies, HSTS); the same
/// headers from anyone else are ignored. The test client connects from loopback, so "trusted" means loopback is listed.
/// </summary>
public abstract class ProxyApp : ReminderAppFactory
{
    protected override int SignupsPerWindow => 1;

    /// <summary>A reader behind the proxy: the proxy adds the reader's address and the scheme they used.</summary>
    public HttpClient Reader(string address, string scheme = "http")
    {
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        // HSTS is never sent for localhost names; readers use the publisher's name.
        client.DefaultRequestHeaders.Host = "support.example.org";
        return client;
    }
}

public sealed class TrustedProxyApp : ProxyApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. base.Settings,
        new("ForwardedHeaders:KnownProxies:0", "::1"),
        new("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"),
    ];
}

public sealed class UntrustedProxyApp : ProxyApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. base.Settings,
        new("ForwardedHeaders:KnownProxies:0", "10.0.0.5"),
    ];
}

public sealed class TrustedProxyTests(TrustedProxyApp app) : IClassFixture<TrustedProxyApp>
{
    [Fact]
    public async Task Each_reader_behind_a_trusted_proxy_has_their_own_signup_limit()
    {
        using var first = app.Reader("203.0.113.10");
        using var second = app.Reader("203.0.113.11");

        Assert.Equal(HttpStatusCode.OK, (await SignUpAsync(first, "1w", NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignUpAsync(first, "1w", NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignUpAsync(second, "1w", NewEmail())).StatusCode);
    }

    [Fact]
    public async Task An_address_a_reader_wrote_into_the_header_does_not_escape_their_limit()
    {
        // nginx appends the real address to whatever the reader sent: "spoofed, real".
        using var honest = app.Reader("203.0.113.20");
        using var spoofing = app.Reader("198.51.100.99, 203.0.113.20");

        Assert.Equal(HttpStatusCode.OK, (await SignUpAsync(honest, "1w", NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignUpAsync(spoofing, "1w", NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Https_at_a_trusted_proxy_makes_cookies_secure_and_sends_hsts()
    {
        using var reader = app.Reader("203.0.113.30", scheme: "https");

        var page = await reader.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "no Strict-Transport-Security header");
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class UntrustedProxyTests(UntrustedProxyApp app) : IClassFixture<UntrustedProxyApp>
{
    [Fact]
    public async Task Forwarded_addresses_from_an_untrusted_sender_are_ignored()
    {
        using var first = app.Reader("203.0.113.40");
        using var second = app.Reader("203.0.113.41");

        Assert.Equal(HttpStatusCode.OK, (await SignUpAsync(first, "1w", NewEmail())).StatusCode);
        // Both come from the same connection address, so they share its limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignUpAsync(second, "1w", NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Https_claimed_by_an_untrusted_sender_gives_no_secure_cookie_or_hsts()
    {
        using var reader = app.Reader("203.0.113.50", scheme: "https");

        var page = await reader.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class ProxySettingsTests
{
    private sealed class MistypedProxyApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("ForwardedHeaders:KnownProxies:0", "10.0.0.300"),
            new("ForwardedHeaders:KnownNetworks:0", "10.0.0.0"),
        ];
    }

    [Fact]
    public void A_proxy_setting_that_is_not_an_address_or_network_refuses_to_start_and_names_it()
    {
        using var app = new MistypedProxyApp();

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        var message = error.ToString();
        Assert.Contains("ForwardedHeaders:KnownProxies has '10.0.0.300'", message);
        Assert.Contains("ForwardedHeaders:KnownNetworks has '10.0.0.0'", message);
    }
}
