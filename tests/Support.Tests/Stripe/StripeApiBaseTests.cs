using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;

namespace Support.Tests.Stripe;

/// <summary>Stripe:ApiBase sends Stripe.net to an emulator in another host (the benchmark's set-up) instead of the mapped one.</summary>
public sealed class StripeApiBaseTests(SeparateEmulatorApp app) : IClassFixture<SeparateEmulatorApp>
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
}
