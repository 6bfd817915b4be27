using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Support.Data;

namespace Support.Tests.Infrastructure;

/// <summary>
/// The real app on a real loopback port (Kestrel), with its own SQLite file and the offline Stripe emulator
/// mapped in, so Stripe.net, the emulator's webhooks and the browser-facing pages all speak real HTTP.
/// </summary>
public class SupportAppFactory : WebApplicationFactory<Program>
{
    public const string WebhookSecret = "whsec_test_secret_for_integration_tests";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "support-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The hosting environment: Production, as a publisher runs it. What tests need differently is set through
    /// settings a user has too (the emulator, a mail server nobody runs).
    /// </summary>
    protected virtual string Environment => "Production";

    /// <summary>The data folder whose database this app uses: its own, or a shared one (a restarted process).</summary>
    protected virtual string DatabaseDirectory => DataDirectory;

    /// <summary>Extra settings for a test class, applied before the app builds.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>
    /// The address readers use (Site:PublicBaseUrl): this server's own, so Stripe's success URL and email links lead
    /// back here. The port is chosen before the app builds, since the setting is read at start.
    /// </summary>
    public string PublicBaseUrl { get; }

    private readonly int _port = FreeLoopbackPort();

    public SupportAppFactory()
    {
        PublicBaseUrl = $"http://127.0.0.1:{_port}";
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Development's container checks in every test: a scoped service held by a singleton fails the start.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Stripe:WebhookSecret", WebhookSecret);
        builder.UseSetting("Site:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Stripe:AllowEmulator", "true");
        // Hundreds of starts a run; ApplicationStartTests turns it on where the warm-up itself is tested.
        builder.UseSetting("Stripe:WarmUpWebhooksAtStart", "false");
        // A mail server that is not there (port 9 on loopback: nothing listens, and no test can bind it): emails stay
        // pending and are retried, as with a publisher's server down. Test classes that read mail set their own.
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", "9");
        builder.UseSetting("Smtp:UseStartTls", "false");
        // Every test signs in and gives from loopback; the limit tests set their own low limits.
        builder.UseSetting("Staff:SignInAttemptsPerAddress", "10000");
        builder.UseSetting("Stripe:ClientRequestLimit", "100000");
        builder.UseSetting("Stripe:GlobalRequestLimit", "100000");
        foreach (var (key, value) in TestDatabase.Settings(DatabaseDirectory).Concat(Settings))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Base address of the running server (starts it on first use).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    /// <summary>A client that does not follow redirects and keeps cookies, like a browser one step at a time.</summary>
    public HttpClient CreateBrowserClient()
    {
        StartServer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = ClientOptions.BaseAddress,
        };
    }

    public StripeEmulator.StripeEmulator Emulator => Services.GetRequiredService<StripeEmulator.StripeEmulator>();

    /// <summary>Runs a query against the app's database in a fresh scope.</summary>
    public async Task<T> QueryAsync<T>(Func<SupportDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        return await query(db);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (DatabaseDirectory == DataDirectory)
            {
                TestDatabase.Drop(DataDirectory);
            }
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on some platform; the temp folder is cleaned by the OS.
            }
        }
    }
}
