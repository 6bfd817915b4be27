namespace Support.Benchmarks.Load;

/// <summary>One HTTP request shape to repeat: method, address and (for POST) a body.</summary>
public sealed record LoadRequest(Uri Url, string Method = "GET", string? Body = null, string? ContentType = null);

/// <summary>What a load run achieved. Latencies in milliseconds.</summary>
public sealed record LoadResult(long Requests, long Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Seconds > 0 ? Requests / Seconds : 0;

    /// <summary>Rounds of the same measurement: rates over the summed time; p50 the mean, p99 the worst round.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> rounds) => new(
        rounds.Sum(r => r.Requests),
        rounds.Sum(r => r.Errors),
        rounds.Sum(r => r.Seconds),
        rounds.Average(r => r.P50Ms),
        rounds.Max(r => r.P99Ms));

    /// <summary>Sides whose requests failed (or that sent none): each is something broken, not a slow figure.</summary>
    public static List<string> Failures(params (string Side, LoadResult Result)[] sides) =>
        [.. sides.Where(s => s.Result.Errors > 0 || s.Result.Requests == 0).Select(s => $"{s.Side}: {s.Result.Errors} failed of {s.Result.Requests} requests")];

    public static double Percentile(List<double> sortedMs, double percentile) =>
        sortedMs.Count == 0 ? 0 : sortedMs[Math.Clamp((int)Math.Ceiling(percentile / 100 * sortedMs.Count) - 1, 0, sortedMs.Count - 1)];
}

/// <summary>Keeps a fixed number of requests in flight for a while, from outside the service's process.</summary>
public interface ILoadGenerator
{
    string Name { get; }

    Task<LoadResult> RunAsync(LoadRequest request, int connections, TimeSpan duration);
}
