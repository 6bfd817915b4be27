using System.Diagnostics;
using System.Net;
using Support.Benchmarks.Load;
using Support.Benchmarks.Scenarios.Checkout;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 2. <c>POST /support/checkout</c> (a Checkout Session created in the emulator, over HTTP, by Stripe.net) against
/// a loop of Stripe.net's <c>SessionService.CreateAsync</c> with the same options, emulator and HTTP settings in a
/// process of its own, at the same concurrency: the least a checkout can cost. A POST that only validates the same
/// form with the app's AmountParser and answers 303 (the old baseline) is measured in the same rounds as context.
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
        await using var loop = await StripeLoopProcess.StartAsync(bench.EmulatorApiBase, bench.Service.BaseAddress,
            BenchContext.ArticleSlug, bench.Settings.Connections);

        var appRequest = new LoadRequest(bench.Url("support/checkout"), "POST", body, FormType);
        var formRequest = new LoadRequest(bench.Url("_bench/checkout"), "POST", body, FormType);
        var results = await Comparison.RunAsync(
        [
            Side.Http("app", bench.Load, appRequest, bench.Settings),
            new Side("Stripe.net loop", loop.RunAsync),
            Side.Http("form parse", bench.Load, formRequest, bench.Settings),
        ], bench.Settings);
        var (app, stripeNet, form) = (results[0], results[1], results[2]);

        // Where the CPU goes: the service's own part of a checkout, the loop's part of a session, a form POST.
        var appCpu = await CpuSplit.MeasureAsync(bench, appRequest);
        var formCpu = await CpuSplit.MeasureAsync(bench, formRequest);
        var own = Process.GetCurrentProcess().TotalProcessorTime;
        var loopRun = await loop.RunAsync(bench.Settings.Warmup);
        var loopEmulatorMs = (Process.GetCurrentProcess().TotalProcessorTime - own).TotalMilliseconds / Math.Max(1, loopRun.Requests);

        var ratio = app.PerSecond / stripeNet.PerSecond;
        var details = ArticlePageScenario.Details(app, stripeNet);
        details["form_parse_per_second"] = form.PerSecond;
        details["form_parse_p99_ms"] = form.P99Ms;
        details["service_cpu_ms_per_checkout"] = appCpu.ServiceMsPerRequest;
        details["bench_process_cpu_ms_per_checkout"] = appCpu.BenchProcessMsPerRequest;
        details["service_cpu_ms_per_form_post"] = formCpu.ServiceMsPerRequest;
        details["loop_cpu_ms_per_session"] = loop.LastCpuMsPerSession;
        details["bench_process_cpu_ms_per_loop_session"] = loopEmulatorMs;
        return new ScenarioResult
        {
            Name = "checkout-creation",
            Value = app.PerSecond,
            Unit = "req/s",
            Ratio = ratio,
            Baseline = "Stripe.net loop",
            BaselineValue = stripeNet.PerSecond,
            Note = $"form parse {form.PerSecond:#,0} req/s ({app.PerSecond / form.PerSecond:0.00}×); p99 {app.P99Ms:0.00} ms vs loop {stripeNet.P99Ms:0.00} ms; "
                + $"CPU per session: service {appCpu.ServiceMsPerRequest:0.00} ms (form POST {formCpu.ServiceMsPerRequest:0.000} ms) vs loop {loop.LastCpuMsPerSession:0.00} ms, "
                + $"emulator {appCpu.BenchProcessMsPerRequest:0.00} / {loopEmulatorMs:0.00} ms",
            Target = "≥ 0.7×",
            TargetMet = ratio >= 0.7,
            Problems = LoadResult.Failures(("app", app), ("Stripe.net loop", stripeNet), ("form parse", form)),
            Details = details,
            Tools = new()
            {
                ["baseline"] = $"Stripe.net {typeof(Stripe.StripeClient).Assembly.GetName().Version} SessionService.CreateAsync, "
                    + $"{bench.Settings.Connections} loops in a separate process",
                ["load"] = bench.Load.Name,
                ["context"] = "form parse: POST /_bench/checkout in the service's Kestrel",
            },
        };
    }
}
