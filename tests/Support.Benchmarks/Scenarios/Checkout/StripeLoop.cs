using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Checkout;

namespace Support.Benchmarks.Scenarios.Checkout;

/// <summary>
/// The checkout baseline, run as its own process (<c>Support.Benchmarks stripe-loop …</c>, started by
/// <see cref="StripeLoopProcess"/>): <c>Concurrency</c> loops of Stripe.net's <c>SessionService.CreateAsync</c> with
/// the options the service sends for the benchmark's form (a monthly 5.00 usd gift for the article, no email), against
/// the same emulator, over the service's HTTP settings (a named <c>IHttpClientFactory</c> client inside
/// <c>SystemNetHttpClient</c>, 2 network retries, no telemetry). Each line <c>run MS</c> on stdin runs the loops that
/// long and answers <c>BENCH requests seconds p50_ms p99_ms errors cpu_ms</c>.
/// </summary>
public static class StripeLoop
{
    public const string Command = "stripe-loop";

    public static async Task<int> MainAsync(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        var serviceBase = new Uri(Arg("--service-base"));
        var slug = Arg("--article");
        var concurrency = int.Parse(Arg("--concurrency"), CultureInfo.InvariantCulture);

        var services = new ServiceCollection().AddLogging();
        services.AddHttpClient("stripe");
        await using var provider = services.BuildServiceProvider();
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_offline_emulator",
            ApiBase = Arg("--api-base").TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient("stripe"),
                maxNetworkRetries: 2, enableTelemetry: false),
        });
        // The service creates its product once and keeps the id; so does the loop.
        var product = await client.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Monthly support" });
        var options = SessionOptions(product.Id, serviceBase, slug);
        Console.WriteLine("READY");

        while (Console.ReadLine() is { } line && line.StartsWith("run ", StringComparison.Ordinal))
        {
            var duration = TimeSpan.FromMilliseconds(double.Parse(line[4..], CultureInfo.InvariantCulture));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (requests, errors, seconds, latencies) = await RunAsync(client, options, concurrency, duration);
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BENCH {requests} {seconds} {Load.LoadResult.Percentile(latencies, 50)} {Load.LoadResult.Percentile(latencies, 99)} {errors} {cpuMs}"));
        }
        return 0;
    }

    private static async Task<(long Requests, long Errors, double Seconds, List<double> Latencies)> RunAsync(
        StripeClient client, SessionCreateOptions options, int concurrency, TimeSpan duration)
    {
        var service = client.V1.Checkout.Sessions;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var samples = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    // A fresh idempotency key per call, as the service makes for a form without a token.
                    var session = await service.CreateAsync(options, new RequestOptions { IdempotencyKey = "checkout-" + Guid.NewGuid().ToString("N") });
                    if (session.Url is null)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (StripeException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return mine;
        })));
        var all = samples.SelectMany(s => s).ToList();
        all.Sort();
        return (all.Count, errors, clock.Elapsed.TotalSeconds, all);
    }

    /// <summary>
    /// What the service's gateway sends for the benchmark's form, as Stripe.net's option classes (Support.Tests'
    /// CheckoutSessionFormTests holds the service's hand-written body equal to these classes' encoding).
    /// </summary>
    private static SessionCreateOptions SessionOptions(string productId, Uri serviceBase, string slug)
    {
        var metadata = new Dictionary<string, string> { ["article"] = slug };
        return new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "usd",
                        UnitAmount = 500,
                        Product = productId,
                        Recurring = new SessionLineItemPriceDataRecurringOptions { Interval = "month" },
                    },
                },
            ],
            SuccessUrl = new Uri(serviceBase, "support/thanks").ToString() + "?session_id={CHECKOUT_SESSION_ID}",
            CancelUrl = new Uri(serviceBase, $"articles/{slug}").ToString(),
            Metadata = metadata,
            SubscriptionData = new SessionSubscriptionDataOptions { Metadata = new Dictionary<string, string>(metadata) },
        };
    }
}
