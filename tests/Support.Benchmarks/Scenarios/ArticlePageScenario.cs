using Support.Benchmarks.Hosting;
using Support.Benchmarks.Load;
using Support.Benchmarks.Scenarios.Articles;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 1. <c>GET /articles/{slug}</c> for a reader who sees the prompt, against the same HTML bytes served by Debian's
/// nginx (the target's baseline), and, as context in the same rounds, by the same Kestrel: as a static file
/// (StaticFileMiddleware, the old baseline) and written from memory (bare Kestrel, the floor of our stack).
/// </summary>
public static class ArticlePageScenario
{
    public const string Name = "article-page";

    /// <summary>The same page while a two-variant experiment runs: each cookie-less view is assigned a variant.</summary>
    public const string WithExperiment = "article-page-experiment";

    public static async Task<ScenarioResult> RunAsync(BenchContext bench, string scenario = Name)
    {
        if (ExternalTool.Find("nginx", ["-v"]) is not { } nginx)
        {
            return ScenarioResult.NotMeasured(scenario, "skipped: nginx not found; " + ExternalTool.InstallHint("nginx-light"));
        }
        var path = $"articles/{BenchContext.ArticleSlug}";
        var html = await bench.Client.GetByteArrayAsync(path);
        if (!System.Text.Encoding.UTF8.GetString(html).Contains("action=\"/support/checkout\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET /{path} shows no support prompt; the scenario needs a reader who sees it.");
        }
        // One file per scenario: the bare Kestrel baseline reads each file into memory once, by name.
        var name = $"{scenario}.html";
        var file = Path.Combine(bench.Service.StaticRoot, name);
        await File.WriteAllBytesAsync(file, html);
        foreach (var copy in new[] { $"_bench/static/{name}", $"_bench/bytes/{name}" })
        {
            if (!(await bench.Client.GetByteArrayAsync(copy)).AsSpan().SequenceEqual(html))
            {
                throw new InvalidOperationException($"The baseline /{copy} does not serve the article's bytes.");
            }
        }
        await using var server = await NginxServer.StartAsync(nginx, file);
        if (!(await bench.Client.GetByteArrayAsync(new Uri(server.BaseAddress, name))).AsSpan().SequenceEqual(html))
        {
            throw new InvalidOperationException("nginx does not serve the article's bytes.");
        }

        List<Side> sides =
        [
            Side.Http("app", bench.Load, new LoadRequest(bench.Url(path)), bench.Settings),
            Side.Http("static file", bench.Load, new LoadRequest(bench.Url($"_bench/static/{name}")), bench.Settings),
            Side.Http("bare Kestrel", bench.Load, new LoadRequest(bench.Url($"_bench/bytes/{name}")), bench.Settings),
            Side.Http("nginx", bench.Load, new LoadRequest(new Uri(server.BaseAddress, name)), bench.Settings),
        ];
        var results = await Comparison.RunAsync(sides, bench.Settings);
        var (app, staticFile, bare, nginxResult) = (results[0], results[1], results[2], results[3]);
        var problems = LoadResult.Failures(("app", app), ("static file", staticFile), ("bare Kestrel", bare), ("nginx", nginxResult));
        var details = Details(app, staticFile);
        Add(details, "bare_kestrel", bare);
        var context = $"static file {staticFile.PerSecond:#,0} req/s ({app.PerSecond / staticFile.PerSecond:0.00}×), "
            + $"bare Kestrel {bare.PerSecond:#,0} req/s ({app.PerSecond / bare.PerSecond:0.00}×)";
        Add(details, "nginx", nginxResult);
        var ratio = app.PerSecond / nginxResult.PerSecond;
        return new ScenarioResult
        {
            Name = scenario,
            Value = app.PerSecond,
            Unit = "req/s",
            Ratio = ratio,
            Baseline = "nginx",
            BaselineValue = nginxResult.PerSecond,
            Note = $"{context}, bare Kestrel {bare.PerSecond / nginxResult.PerSecond:0.00}× nginx; "
                + $"p99 {app.P99Ms:0.00} ms vs nginx {nginxResult.P99Ms:0.00} ms, {html.Length:#,0} bytes",
            Target = "≥ 0.85×",
            TargetMet = ratio >= 0.85,
            Problems = problems,
            Details = details,
            Tools = new()
            {
                ["baseline"] = nginx.ToString(),
                ["load"] = bench.Load.Name,
                ["context"] = "StaticFileMiddleware and a bytes-from-memory endpoint in the service's Kestrel (ASP.NET Core "
                    + $"{typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.GetName().Version})",
            },
        };
    }

    private static void Add(Dictionary<string, double> details, string prefix, LoadResult result)
    {
        details[$"{prefix}_requests"] = result.Requests;
        details[$"{prefix}_per_second"] = result.PerSecond;
        details[$"{prefix}_p50_ms"] = result.P50Ms;
        details[$"{prefix}_p99_ms"] = result.P99Ms;
    }

    public static Dictionary<string, double> Details(LoadResult app, LoadResult baseline) => new()
    {
        ["app_requests"] = app.Requests,
        ["app_seconds"] = app.Seconds,
        ["app_per_second"] = app.PerSecond,
        ["app_p50_ms"] = app.P50Ms,
        ["app_p99_ms"] = app.P99Ms,
        ["baseline_requests"] = baseline.Requests,
        ["baseline_seconds"] = baseline.Seconds,
        ["baseline_per_second"] = baseline.PerSecond,
        ["baseline_p50_ms"] = baseline.P50Ms,
        ["baseline_p99_ms"] = baseline.P99Ms,
    };
}
