using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Support.StripeEmulator.Hosting;

namespace Support.StripeEmulator.Tests;

/// <summary>The emulator as its own process, the way a staging set-up of several Support instances shares it.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Emulator_process_serves_the_api_the_hosted_checkout_and_signed_webhooks()
    {
        await using var receiver = await Receiver.StartAsync();
        using var emulator = await EmulatorProcess.StartAsync("--webhook-url", receiver.WebhookUrl, "--webhook-secret", EmulatorHost.WebhookSecret);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var stripe = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_staging",
            ApiBase = emulator.ApiBase,
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: 0, enableTelemetry: false),
        });

        var product = await stripe.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Reader support" });
        var session = await stripe.V1.Checkout.Sessions.CreateAsync(EmulatorHost.MonthlySession(product.Id, 700));
        var page = await http.GetStringAsync(session.Url);
        using var paid = await http.PostAsync(session.Url, EmulatorHost.CardForm("4242 4242 4242 4242"));
        using var settled = await http.GetAsync(emulator.ApiBase + "/control/webhooks/wait?timeout=20");

        Assert.StartsWith(emulator.ApiBase + "/checkout/cs_test_", session.Url);
        Assert.Contains("$7.00 per month", page);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        Assert.Equal(["checkout.session.completed", "customer.created", "customer.subscription.created", "invoice.paid"],
            receiver.Received.Select(e => e.Type).Order());
    }

    [Fact]
    public void Missing_webhook_url_stops_the_start_with_a_message()
    {
        var error = Assert.Throws<OptionsValidationException>(() => EmulatorProgram.Build(["--urls", "http://127.0.0.1:0", "--webhook-secret", "whsec_x"]));

        Assert.Contains("--webhook-url", error.Message);
    }

    [Fact]
    public void Command_line_switches_set_the_delivery_settings_and_a_schedule_replaces_the_default()
    {
        using var app = (IDisposable)EmulatorProgram.Build(["--webhook-url", "http://127.0.0.1:5080/stripe/webhook", "--webhook-secret", "whsec_x",
            "--concurrency", "2", "--shuffle-window", "1", "--seed", "42", "--StripeEmulator:RetrySchedule:0", "00:00:03"]);
        var options = ((WebApplication)app).Services.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value;

        Assert.Equal((2, 1, 42), (options.DeliveryConcurrency, options.DeliveryShuffleWindow, options.DeliverySeed));
        Assert.Equal(new Uri("http://127.0.0.1:5080/stripe/webhook"), options.WebhookUrl);
        Assert.Equal(StripeEmulatorOptions.DefaultRetrySchedule.Length, options.RetrySchedule.Length);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RetrySchedule[0]);
    }

    /// <summary>A webhook endpoint that verifies signatures like Support does.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public System.Collections.Concurrent.ConcurrentQueue<Event> Received { get; } = new();
        public string WebhookUrl => _app.Urls.First() + "/stripe/webhook";

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/stripe/webhook", async (HttpRequest request) =>
            {
                var body = await new StreamReader(request.Body).ReadToEndAsync();
                receiver.Received.Enqueue(EventUtility.ConstructEvent(body, request.Headers["Stripe-Signature"], EmulatorHost.WebhookSecret));
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary><c>dotnet Support.StripeEmulator.dll …</c>, as <c>dotnet run --project src/Support.StripeEmulator -- …</c> runs it.</summary>
    private sealed class EmulatorProcess(Process process, string apiBase) : IDisposable
    {
        private const string Banner = "Stripe:ApiBase for Support: ";

        public string ApiBase { get; } = apiBase;

        public static async Task<EmulatorProcess> StartAsync(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Support.StripeEmulator.dll"), "--urls", "http://127.0.0.1:0" }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }
            var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains(Banner, StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new EmulatorProcess(process, line[(line.IndexOf(Banner, StringComparison.Ordinal) + Banner.Length)..].Split(' ')[0]);
                }
            }
            throw new InvalidOperationException("The emulator exited before it listened: " + await process.StandardError.ReadToEndAsync(timeout.Token));
        }

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }
}
