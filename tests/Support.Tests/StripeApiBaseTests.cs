using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Support.StripeEmulator;
using Support.Tests.Infrastructure;

namespace Support.Tests;

/// <summary>Stripe:ApiBase sends Stripe.net to an emulator in another host (the benchmark's set-up) instead of the mapped one.</summary>
public sealed class StripeApiBaseTests(StripeApiBaseTests.SeparateEmulatorApp app) : IClassFixture<StripeApiBaseTests.SeparateEmulatorApp>
{
    [Fact]
    public async Task Checkout_sessions_are_created_in_the_emulator_at_the_configured_api_base()
    {
        using var browser = app.CreateBrowserClient();

        var checkout = await new ReaderJourney(browser).SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });

        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);
        Assert.StartsWith(app.EmulatorApiBase + "/checkout/", checkout.Headers.Location!.ToString());
    }

    [Fact]
    public void The_app_does_not_host_its_own_emulator_when_an_api_base_is_set()
    {
        app.StartServer();

        Assert.Null(app.Services.GetService<StripeEmulator.StripeEmulator>());
    }

    public sealed class SeparateEmulatorApp : SupportAppFactory
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
}
