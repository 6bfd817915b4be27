using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Support.StripeEmulator;

namespace Support.Tests.Infrastructure;

/// <summary>
/// The app with the offline emulator in a host of its own (Stripe:ApiBase), as in the benchmark and a staging set-up:
/// the emulator keeps answering while the app stops. It delivers no webhooks; tests post its events themselves.
/// </summary>
public class SeparateEmulatorApp : SupportAppFactory
{
    private readonly WebApplication _emulator;

    public SeparateEmulatorApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddStripeEmulator(options =>
        {
            options.WebhookSecret = WebhookSecret;
            options.DeliverWebhooks = false;
        });
        _emulator = builder.Build();
        _emulator.MapStripeEmulator();
        _emulator.StartAsync().GetAwaiter().GetResult();
        EmulatorApiBase = _emulator.Urls.First().TrimEnd('/') + "/stripe-emulator";
    }

    public string EmulatorApiBase { get; }

    /// <summary>The emulator of the other host (the app itself hosts none).</summary>
    public StripeEmulator.StripeEmulator SeparateEmulator => _emulator.Services.GetRequiredService<StripeEmulator.StripeEmulator>();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Stripe:ApiBase", EmulatorApiBase)];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _emulator.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)_emulator).Dispose();
        }
    }
}
