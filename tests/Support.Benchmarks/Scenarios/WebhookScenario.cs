using System.Diagnostics;
using System.Text;
using Stripe;
using Support.Benchmarks.Hosting;
using Support.Benchmarks.Load;
using Support.Benchmarks.Scenarios.Webhooks;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 3. Signed events (mixed types, a tenth duplicates, shuffled) posted to <c>/stripe/webhook</c> at concurrency 16,
/// against the same requests to an endpoint that only verifies the signature. The list is cut into chunks sent
/// alternately to the baseline and the app; afterwards the ledger is checked exactly against the plan.
/// </summary>
public static class WebhookScenario
{
    public static async Task<(ScenarioResult Result, double? PeakMb)> RunAsync(BenchContext bench, TextWriter log)
    {
        var settings = bench.Settings;
        var subscriptions = await SubscriptionSetup.CreateAsync(bench, settings.WebhookSubscriptions);
        var before = await Ledger.ReadAsync(bench.Database, bench.Service.DataDirectory);
        var plan = EventPlan.Create(subscriptions, settings.WebhookEvents);
        log.WriteLine($"webhook-ingestion: {subscriptions.Count} subscriptions made through checkout; sending {plan.Deliveries.Count} deliveries ({plan.UniqueEvents} unique)");

        // Warm both endpoints with events the ledger ignores (an unhandled type), so the plan stays exact.
        var warmup = Enumerable.Range(0, settings.Smoke ? 50 : 500)
            .Select(i => new Delivery($"evt_warm{i}", WarmupEvent(i))).ToList();
        await bench.Http.SendAllAsync(Requests(bench, "stripe/webhook", warmup), settings.WebhookConcurrency);
        await bench.Http.SendAllAsync(Requests(bench, "_bench/webhook", warmup), settings.WebhookConcurrency);

        var peakReset = bench.Service.ResetPeakMemory();
        var (appCpu, baselineCpu) = (new CpuSpent(), new CpuSpent());
        var appRounds = new List<LoadResult>();
        var baselineRounds = new List<LoadResult>();
        var chunkSize = (plan.Deliveries.Count + settings.WebhookChunks - 1) / settings.WebhookChunks;
        var chunks = plan.Deliveries.Chunk(chunkSize).ToList();
        var sent = new List<Delivery>();
        for (var i = 0; i < chunks.Count && appRounds.Sum(r => r.Seconds) < settings.WebhookBudget.TotalSeconds; i++)
        {
            sent.AddRange(chunks[i]);
            // B A A B …: the baseline goes first in even chunks, the app first in odd ones.
            foreach (var toApp in i % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var requests = Requests(bench, toApp ? "stripe/webhook" : "_bench/webhook", chunks[i]);
                var (serviceCpu, ownCpu) = (bench.Service.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);
                (toApp ? appRounds : baselineRounds).Add(await bench.Http.SendAllAsync(requests, settings.WebhookConcurrency));
                // CPU per delivery says what events/s cannot on a shared machine (the service's email senders and the
                // writer's last commit may spill into the next round).
                var side = toApp ? appCpu : baselineCpu;
                side.Service += bench.Service.CpuTime() - serviceCpu;
                side.Own += Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
            }
        }
        var peak = peakReset ? bench.Service.PeakMemoryMb() : null;

        var app = LoadResult.Combine(appRounds);
        var baseline = LoadResult.Combine(baselineRounds);
        var after = await Ledger.ReadAsync(bench.Database, bench.Service.DataDirectory);
        var miscounts = before.Plus(EventPlan.ExpectedDelta(sent)).Differences(after);
        var problems = LoadResult.Failures(("app", app), ("baseline", baseline));
        problems.AddRange(miscounts.Select(m => "ledger " + m));
        var ratio = app.PerSecond / baseline.PerSecond;
        var details = ArticlePageScenario.Details(app, baseline);
        details["deliveries_planned"] = plan.Deliveries.Count;
        details["deliveries"] = sent.Count;
        details["unique_events"] = plan.UniqueEvents;
        details["subscriptions"] = subscriptions.Count;
        var (appServiceMs, appOwnMs) = (appCpu.Service.TotalMilliseconds / sent.Count, appCpu.Own.TotalMilliseconds / sent.Count);
        var baselineServiceMs = baselineCpu.Service.TotalMilliseconds / sent.Count;
        details["service_cpu_ms_per_delivery"] = appServiceMs;
        details["bench_process_cpu_ms_per_delivery"] = appOwnMs;
        details["baseline_service_cpu_ms_per_delivery"] = baselineServiceMs;
        details["baseline_bench_process_cpu_ms_per_delivery"] = baselineCpu.Own.TotalMilliseconds / sent.Count;
        details["ledger_miscounts"] = miscounts.Count;
        details["ledger_payments"] = after.Payments;
        details["ledger_paid_cents"] = after.PaidCents;
        return (new ScenarioResult
        {
            Name = bench.Database.IsSqlite ? "webhook-ingestion" : "webhook-ingestion-" + bench.Database.Name,
            Value = app.PerSecond,
            Unit = "events/s",
            Ratio = ratio,
            Baseline = "signature-only",
            BaselineValue = baseline.PerSecond,
            Note = $"{Sent(sent.Count, plan.Deliveries.Count, settings)} at concurrency {settings.WebhookConcurrency}, p99 {app.P99Ms:0.0} ms; CPU per delivery: service {appServiceMs:0.00} ms (signature-only {baselineServiceMs:0.00} ms), benchmark process (emulator, load) {appOwnMs:0.00} ms; ledger {(miscounts.Count == 0 ? "exact" : $"{miscounts.Count} miscounts")}",
            Target = "≥ 0.3× and zero miscounts",
            TargetMet = ratio >= 0.3 && miscounts.Count == 0,
            Problems = problems,
            Details = details,
            Tools = new()
            {
                ["baseline"] = $"POST /_bench/webhook: Stripe.net {typeof(EventUtility).Assembly.GetName().Version} EventUtility.ConstructEvent in the service's Kestrel",
                ["load"] = bench.Http.Name,
            },
        }, peak);
    }

    private static string Sent(int sent, int planned, BenchSettings settings) => sent == planned
        ? $"{sent:#,0} deliveries"
        : $"{sent:#,0} of {planned:#,0} deliveries (stopped at the {settings.WebhookBudget.TotalSeconds:0} s budget)";

    /// <summary>Signed now (Stripe's tolerance is 300 s), so each chunk is signed just before it is sent.</summary>
    private static List<Func<HttpRequestMessage>> Requests(BenchContext bench, string path, IEnumerable<Delivery> deliveries)
    {
        var url = bench.Url(path);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return deliveries.Select(d =>
        {
            var body = Encoding.UTF8.GetBytes(d.Json);
            var signature = EventUtility.GenerateSignatureHeader(d.Json, ServiceHost.WebhookSecret, timestamp);
            return (Func<HttpRequestMessage>)(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
                request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
                return request;
            });
        }).ToList();
    }

    private static string WarmupEvent(int i) => new System.Text.Json.Nodes.JsonObject
    {
        ["id"] = $"evt_warm{i}",
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new System.Text.Json.Nodes.JsonObject
        {
            ["object"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "prod_warm", ["object"] = "product", ["name"] = "warm-up" },
        },
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = "product.created",
    }.ToJsonString();

    /// <summary>CPU time of the service and of this process during one side's rounds.</summary>
    private sealed class CpuSpent
    {
        public TimeSpan Service { get; set; }
        public TimeSpan Own { get; set; }
    }
}
