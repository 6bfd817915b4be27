using System.Net;
using Support.Benchmarks.Load;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 2. <c>POST /support/checkout</c> (a Checkout Session created in the emulator, over HTTP, by Stripe.net) against
/// a POST that only validates the same form with the app's AmountParser and answers 303.
/// </summary>
public static class CheckoutScenario
{
    private const string FormType = "application/x-www-form-urlencoded";

    public static async Task<ScenarioResult> RunAsync(BenchContext bench)
    {
        // No form token: like a reader without the page's token, every post opens its own session.
        var body = $"article={BenchContext.ArticleSlug}&amount=5&customAmount=&email=";
        foreach (var path in new[] { "support/checkout", "_bench/checkout" })
        {
            using var probe = await bench.Client.PostAsync(path, new StringContent(body, null, FormType));
            if (probe.StatusCode != HttpStatusCode.SeeOther)
            {
                throw new InvalidOperationException($"POST /{path} answered {(int)probe.StatusCode}, not 303.");
            }
        }

        var (app, baseline) = await Comparison.RunAsync(bench.Load,
            new LoadRequest(bench.Url("support/checkout"), "POST", body, FormType),
            new LoadRequest(bench.Url("_bench/checkout"), "POST", body, FormType), bench.Settings);
        // Where the CPU goes: the service's own part of a checkout against its part of the baseline's POST.
        var appCpu = await CpuSplit.MeasureAsync(bench, new LoadRequest(bench.Url("support/checkout"), "POST", body, FormType));
        var baselineCpu = await CpuSplit.MeasureAsync(bench, new LoadRequest(bench.Url("_bench/checkout"), "POST", body, FormType));
        var ratio = app.PerSecond / baseline.PerSecond;
        var details = ArticlePageScenario.Details(app, baseline);
        details["service_cpu_ms_per_checkout"] = appCpu.ServiceMsPerRequest;
        details["bench_process_cpu_ms_per_checkout"] = appCpu.BenchProcessMsPerRequest;
        details["service_cpu_ms_per_baseline_post"] = baselineCpu.ServiceMsPerRequest;
        return new ScenarioResult
        {
            Name = "checkout-creation",
            Value = app.PerSecond,
            Unit = "req/s",
            Ratio = ratio,
            Baseline = "validate-and-redirect",
            BaselineValue = baseline.PerSecond,
            Note = $"p99 {app.P99Ms:0.00} ms vs {baseline.P99Ms:0.00} ms; CPU per checkout: service {appCpu.ServiceMsPerRequest:0.00} ms"
                + $" (baseline POST {baselineCpu.ServiceMsPerRequest:0.000} ms), benchmark process (emulator) {appCpu.BenchProcessMsPerRequest:0.00} ms",
            Target = "≥ 0.3×",
            TargetMet = ratio >= 0.3,
            Problems = ArticlePageScenario.Errors(app, baseline),
            Details = details,
        };
    }
}
