using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Support.StripeEmulator.Api;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Checkout;
using Support.StripeEmulator.Control;
using Support.StripeEmulator.State;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator;

public static class StripeEmulatorExtensions
{
    public static IServiceCollection AddStripeEmulator(this IServiceCollection services, Action<StripeEmulatorOptions> configure)
    {
        services.AddOptions<StripeEmulatorOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeEmulatorOptions>, StripeEmulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new EmulatorStore(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DeliveryScheduler>();
        services.AddSingleton<EventLog>();
        services.AddSingleton<BillingEngine>();
        services.AddSingleton<IdempotencyCache>();
        services.AddSingleton<WebhookTarget>();
        services.AddSingleton(provider => new StripeEmulator(
            provider.GetRequiredService<BillingEngine>(),
            provider.GetRequiredService<EventLog>(),
            provider.GetRequiredService<DeliveryScheduler>()));
        // Stripe counts a redirect as a failed delivery, so the client must not follow one.
        // The delivery timeout is the emulator's own setting, so the client's is off.
        services.AddHttpClient(WebhookDeliveryService.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddHostedService<WebhookDeliveryService>();
        return services;
    }

    /// <summary>Maps the API (<c>{prefix}/v1</c>), hosted pages and control endpoints under the configured prefix.</summary>
    public static IEndpointRouteBuilder MapStripeEmulator(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value;
        var group = app.MapGroup(options.PathPrefix.TrimEnd('/'));
        StripeApiEndpoints.Map(group.MapGroup("/v1"));
        CheckoutEndpoints.Map(group);
        ControlEndpoints.Map(group);
        return app;
    }
}
