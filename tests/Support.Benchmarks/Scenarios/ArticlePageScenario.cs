using Support.Benchmarks.Load;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 1. <c>GET /articles/{slug}</c> for a reader who sees the prompt, against the same HTML bytes served as a static
/// file by the same Kestrel (StaticFileMiddleware, from the baselines assembly).
/// </summary>
public static class ArticlePageScenario
{
    public static async Task<ScenarioResult> RunAsync(BenchContext bench)
    {
        var path = $"articles/{BenchContext.ArticleSlug}";
        var html = await bench.Client.GetByteArrayAsync(path);
        if (!System.Text.Encoding.UTF8.GetString(html).Contains("action=\"/support/checkout\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET /{path} shows no support prompt; the scenario needs a reader who sees it.");
        }
        await File.WriteAllBytesAsync(Path.Combine(bench.Service.StaticRoot, "article.html"), html);
        var copy = await bench.Client.GetByteArrayAsync("_bench/static/article.html");
        if (!copy.AsSpan().SequenceEqual(html))
        {
            throw new InvalidOperationException("The static baseline does not serve the article's bytes.");
        }

        var (app, baseline) = await Comparison.RunAsync(bench.Load,
            new LoadRequest(bench.Url(path)), new LoadRequest(bench.Url("_bench/static/article.html")), bench.Settings);
        var ratio = app.PerSecond / baseline.PerSecond;
        return new ScenarioResult
        {
            Name = "article-page",
            Value = app.PerSecond,
            Unit = "req/s",
            Ratio = ratio,
            Baseline = "static file",
            BaselineValue = baseline.PerSecond,
            Note = $"p99 {app.P99Ms:0.00} ms vs {baseline.P99Ms:0.00} ms ({app.P99Ms / baseline.P99Ms:0.00}×), {html.Length:#,0} bytes",
            Target = "≥ 0.6×",
            TargetMet = ratio >= 0.6,
            Problems = Errors(app, baseline),
            Details = Details(app, baseline),
        };
    }

    public static List<string> Errors(LoadResult app, LoadResult baseline)
    {
        var problems = new List<string>();
        if (app.Errors > 0 || app.Requests == 0)
        {
            problems.Add($"app: {app.Errors} failed of {app.Requests} requests");
        }
        if (baseline.Errors > 0 || baseline.Requests == 0)
        {
            problems.Add($"baseline: {baseline.Errors} failed of {baseline.Requests} requests");
        }
        return problems;
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
