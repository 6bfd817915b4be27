namespace Support.Benchmarks.Load;

/// <summary>One side of a comparison: the app or a baseline, run for a while by whatever drives it.</summary>
public sealed record Side(string Name, Func<TimeSpan, Task<LoadResult>> RunAsync)
{
    /// <summary>A request repeated by a load generator (wrk or the .NET one) over the run's connections.</summary>
    public static Side Http(string name, ILoadGenerator load, LoadRequest request, BenchSettings settings) =>
        new(name, duration => load.RunAsync(request, settings.Connections, duration));
}

/// <summary>
/// Measures the app and its baselines alternately after warming each (A B C, C B A, …; A B B A for two), so
/// that noise from the rest of the machine lands on every side of each ratio.
/// </summary>
public static class Comparison
{
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(IReadOnlyList<Side> sides, BenchSettings settings)
    {
        foreach (var side in sides)
        {
            await side.RunAsync(settings.Warmup);
        }
        var round = settings.Measure / settings.Rounds;
        var rounds = sides.Select(_ => new List<LoadResult>()).ToList();
        for (var i = 0; i < settings.Rounds; i++)
        {
            var order = Enumerable.Range(0, sides.Count);
            foreach (var index in i % 2 == 0 ? order : order.Reverse())
            {
                rounds[index].Add(await sides[index].RunAsync(round));
            }
        }
        return [.. rounds.Select(LoadResult.Combine)];
    }
}
