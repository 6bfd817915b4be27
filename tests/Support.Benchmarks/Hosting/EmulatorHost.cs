using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Support.StripeEmulator;

namespace Support.Benchmarks.Hosting;

/// <summary>
/// The offline Stripe emulator on its own Kestrel port in the benchmark process, so the service under test pays
/// only for its own side of each Stripe call (it would otherwise serve both ends on the same 2 cores). The
/// service reaches it through <c>Stripe:ApiBase</c>; it signs and delivers webhooks to the service's address.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app)
    {
        _app = app;
        ApiBase = new Uri(new Uri(app.Urls.First()), PathPrefix);
    }

    public const string PathPrefix = "/stripe-emulator";

    /// <summary>What the service's <c>Stripe:ApiBase</c> is set to; the emulator's API is under <c>{ApiBase}/v1</c>.</summary>
    public Uri ApiBase { get; }

    public static async Task<EmulatorHost> StartAsync(Uri serviceBase, string webhookSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddStripeEmulator(options =>
        {
            options.PathPrefix = PathPrefix;
            options.WebhookSecret = webhookSecret;
            options.AppBaseUrl = serviceBase;
        });
        var app = builder.Build();
        app.MapStripeEmulator();
        await app.StartAsync();
        return new EmulatorHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
