using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Hosting;

/// <summary>
/// The emulator in a process of its own, so several Support instances share one Stripe whose state outlives them:
/// <c>dotnet run --project src/Support.StripeEmulator -- --webhook-url http://127.0.0.1:5080/stripe/webhook --webhook-secret whsec_…</c>.
/// </summary>
internal static class EmulatorProgram
{
    private static readonly Dictionary<string, string> _switches = new()
    {
        ["--webhook-url"] = "StripeEmulator:WebhookUrl",
        ["--webhook-secret"] = "StripeEmulator:WebhookSecret",
        ["--public-url"] = "StripeEmulator:PublicBaseUrl",
        ["--path-prefix"] = "StripeEmulator:PathPrefix",
        ["--concurrency"] = "StripeEmulator:DeliveryConcurrency",
        ["--shuffle-window"] = "StripeEmulator:DeliveryShuffleWindow",
        ["--seed"] = "StripeEmulator:DeliverySeed",
        ["--delivery-timeout"] = "StripeEmulator:DeliveryTimeout",
    };

    public static async Task<int> Main(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            await app.StartAsync();
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("The Stripe emulator cannot start: " + string.Join(" ", ex.Failures));
            return 2;
        }
        var options = app.Services.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value;
        // On standard output, not the log: scripts and tests read the address from this line.
        Console.WriteLine($"Offline Stripe emulator (test mode, no money moves). Stripe:ApiBase for Support: "
            + $"{Addresses.Loopback(app.Urls.First()).TrimEnd('/')}{options.PathPrefix} ; webhooks to {(options.DeliverWebhooks ? options.WebhookUrl : "nowhere (off)")}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The host, configured from emulator.settings.json, StripeEmulator__* variables and the command line.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile("emulator.settings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args, _switches);
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:12111");
        var section = builder.Configuration.GetSection(StripeEmulatorOptions.Section);
        builder.Services.AddStripeEmulator(options =>
        {
            section.Bind(options);
            // The binder appends a list to the code default; a configured schedule replaces it.
            options.RetrySchedule = section.GetSection(nameof(StripeEmulatorOptions.RetrySchedule)).Get<TimeSpan[]>() ?? StripeEmulatorOptions.DefaultRetrySchedule;
        });
        // In its own process there is no app beside it to deliver to.
        builder.Services.AddOptions<StripeEmulatorOptions>().Validate(options => !options.DeliverWebhooks || options.WebhookUrl is not null,
            "StripeEmulator:WebhookUrl is not set: give the address Support receives webhooks at (--webhook-url http://127.0.0.1:5080/stripe/webhook), or set StripeEmulator:DeliverWebhooks to false.");
        var app = builder.Build();
        app.MapStripeEmulator();
        return app;
    }
}
