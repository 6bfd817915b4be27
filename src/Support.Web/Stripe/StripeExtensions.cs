using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Support.Web.Stripe.Webhooks;
using global::Stripe;

namespace Support.Web.Stripe;

public static class StripeExtensions
{
    public static WebApplicationBuilder AddStripe(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        builder.Services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section).ValidateOnStart();
        builder.Services.AddHttpClient("stripe");

        builder.Services.AddSingleton(sp => CreateClient(sp));
        builder.Services.AddSingleton<IStripeGateway, StripeGateway>();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, StripeCallPolicy>(StripeCallPolicy.Name));
        builder.Services.AddStripeEventHandlers();
        builder.Services.AddScoped<StripeEventProcessor>();
        builder.Services.AddSingleton<StripeEventWriter>();

        var stripe = builder.Configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new();
        if (stripe.UseInProcessEmulator && stripe.EmulatorAllowedIn(builder.Environment))
        {
            EmulatorWiring.Add(builder.Services, stripe.EffectiveWebhookSecret);
        }
        return builder;
    }

    public static WebApplication MapStripe(this WebApplication app)
    {
        app.MapStripeWebhooks();
        var stripe = app.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
        if (stripe.UseInProcessEmulator && stripe.EmulatorAllowedIn(app.Environment))
        {
            EmulatorWiring.Map(app);
            app.Logger.LogWarning("No Stripe:SecretKey is set: payments go to the offline Stripe emulator at {Prefix}; no money moves.",
                EmulatorWiring.Prefix);
        }
        return app;
    }

    private static StripeClient CreateClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("stripe");
        var clientOptions = new StripeClientOptions
        {
            ApiKey = options.UseEmulator ? "sk_test_offline_emulator" : options.SecretKey,
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: 2, enableTelemetry: false),
        };
        if (!string.IsNullOrWhiteSpace(options.ApiBase))
        {
            clientOptions.ApiBase = options.ApiBase.TrimEnd('/');
        }
        else if (options.UseEmulator)
        {
            // The emulator is mapped into this app; its address is only known once the server listens.
            clientOptions.ApiBase = OwnBaseAddress(services).TrimEnd('/') + EmulatorWiring.Prefix;
        }
        return new StripeClient(clientOptions);
    }

    private static string OwnBaseAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The Stripe emulator needs the server's address, and the server has none yet.");
        return address.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1")
            .Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1");
    }
}
