using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using global::Stripe;

namespace Support.Tests.Hosting;

/// <summary>
/// The Host header is the client's to write. Absolute URLs come from Site:PublicBaseUrl only, and a Host header that
/// is not a host name is refused with a sentence instead of failing the page.
/// </summary>
public sealed class HostHeaderTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task Checkout_under_a_forged_host_sends_the_payer_back_to_the_public_address()
    {
        using var browser = app.CreateBrowserClient();
        browser.DefaultRequestHeaders.Host = "evil.example";

        var checkout = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });

        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);
        var sessionId = checkout.Headers.Location!.Segments[^1];
        var stored = await app.Services.GetRequiredService<StripeClient>().V1.Checkout.Sessions.GetAsync(sessionId);
        Assert.Equal($"{app.PublicBaseUrl}/support/thanks?session_id={{CHECKOUT_SESSION_ID}}", stored.SuccessUrl);
        Assert.Equal($"{app.PublicBaseUrl}{ReaderJourney.ArticlePath}", stored.CancelUrl);
    }

    public static TheoryData<string> MalformedHosts => new() { "a..b", "x:99999", new string('a', 300), "x:0" };

    [Theory]
    [MemberData(nameof(MalformedHosts))]
    public async Task A_malformed_host_header_is_refused_with_a_message(string host)
    {
        foreach (var path in new[] { "/", ReaderJourney.ArticlePath, "/account" })
        {
            var (status, body) = await RawGetAsync(path, host);

            Assert.Equal(400, status);
            Assert.Contains("Host header", body);
        }
    }

    [Fact]
    public async Task A_well_formed_host_with_a_port_is_served()
    {
        var (status, _) = await RawGetAsync(ReaderJourney.ArticlePath, "support.example.org:8443");

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task An_http_1_0_request_without_a_host_header_is_refused_with_a_message()
    {
        foreach (var path in new[] { "/healthz/live", "/", ReaderJourney.ArticlePath })
        {
            var (status, body) = await RawGetAsync(path, host: null);

            Assert.Equal(400, status);
            Assert.Contains("Host header", body);
        }
    }

    /// <summary>Writes the request by hand: HttpClient would refuse to send some of these Host headers.</summary>
    private async Task<(int Status, string Body)> RawGetAsync(string path, string? host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, app.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(host is null
            ? $"GET {path} HTTP/1.0\r\n\r\n"
            : $"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }
}

public sealed class PublicBaseUrlSettingTests
{
    private sealed class NoPublicAddressApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Site:PublicBaseUrl", "")];
    }

    [Fact]
    public void Without_a_public_base_url_the_app_refuses_to_start_and_says_what_to_set()
    {
        using var app = new NoPublicAddressApp();

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("Site:PublicBaseUrl must be the absolute http(s) address readers use", error.ToString());
    }
}

public sealed class AllowedHostsTests(AllowedHostsTests.ListedHostsApp app) : IClassFixture<AllowedHostsTests.ListedHostsApp>
{
    public sealed class ListedHostsApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("AllowedHosts", "support.example.org;127.0.0.1")];
    }

    [Fact]
    public async Task A_host_outside_allowed_hosts_is_refused_with_a_message_and_a_listed_one_is_served()
    {
        using var browser = app.CreateBrowserClient();
        browser.DefaultRequestHeaders.Host = "evil.example";
        var refused = await browser.GetAsync(ReaderJourney.ArticlePath);
        browser.DefaultRequestHeaders.Host = "support.example.org";
        var served = await browser.GetAsync(ReaderJourney.ArticlePath);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Invalid Hostname", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
