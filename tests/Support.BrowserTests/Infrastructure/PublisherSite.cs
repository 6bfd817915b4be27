using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Support.Tests.Infrastructure;

namespace Support.BrowserTests.Infrastructure;

/// <summary>
/// A publisher's own site on another loopback origin (<c>http://localhost:PORT</c>, another site than Support's
/// <c>http://127.0.0.1:PORT</c>, so Support's cookie is a third-party one there), with the snippet of docs/embed.md
/// and a strict Content-Security-Policy that allows nothing but Support's origin.
/// </summary>
public sealed class PublisherSite : IAsyncDisposable
{
    public const string InlinePath = "/2026/12/council-budget";
    public const string BannerPath = "/2026/12/school-meals";
    private readonly WebApplication _app;

    private PublisherSite(WebApplication app, int port)
    {
        _app = app;
        Origin = $"http://localhost:{port}";
    }

    public string Origin { get; }

    public static async Task<PublisherSite> StartAsync(int port, string support)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var site = new PublisherSite(app, port);
        var policy = $"default-src 'self'; script-src {support}; connect-src {support}; form-action {support}; "
            + "img-src 'self'; object-src 'none'; base-uri 'none'";
        // Space for the inline prompt is reserved in the publisher's stylesheet: this page's CSP refuses style attributes.
        app.MapGet("/site.css", () => Results.Text("[data-support-prompt] { min-height: 40rem; }", "text/css"));
        app.MapGet(InlinePath, (HttpResponse response) => Page(response, policy, site.Origin + InlinePath, support, inline: true));
        app.MapGet(BannerPath, (HttpResponse response) => Page(response, policy, site.Origin + BannerPath, support, inline: false));
        await app.StartAsync();
        return site;
    }

    private static IResult Page(HttpResponse response, string policy, string canonical, string support, bool inline)
    {
        response.Headers.ContentSecurityPolicy = policy;
        var slot = inline ? "<div data-support-prompt></div>" : "";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>The Daily Example</title><link rel="canonical" href="{{canonical}}"><link rel="stylesheet" href="/site.css"></head>
            <body>
            <header><p>The Daily Example</p></header>
            <main><h1>The council passes its budget</h1><p>The council voted on Tuesday.</p>{{slot}}</main>
            <script src="{{support}}/embed.js" async></script>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Support with one publisher origin allowed to embed the prompt (its port chosen before Support starts).</summary>
public sealed class EmbedFactory : SupportAppFactory
{
    public int PublisherPort { get; } = FreeLoopbackPort();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Embed:AllowedOrigins:0", $"http://localhost:{PublisherPort}")];
}

/// <summary>Support, the allowed publisher's site and a second publisher site that is not allowed.</summary>
public sealed class EmbedBrowserApp : BrowserApp<EmbedFactory>
{
    public PublisherSite Allowed { get; private set; } = null!;
    public PublisherSite NotAllowed { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var support = App.PublicBaseUrl;
        Allowed = await PublisherSite.StartAsync(App.PublisherPort, support);
        NotAllowed = await PublisherSite.StartAsync(SupportAppFactory.FreeLoopbackPort(), support);
    }

    public override async Task DisposeAsync()
    {
        await Allowed.DisposeAsync();
        await NotAllowed.DisposeAsync();
        await base.DisposeAsync();
    }
}
