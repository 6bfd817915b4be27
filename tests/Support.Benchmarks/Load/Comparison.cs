namespace Support.Benchmarks.Load;

/// <summary>
/// Measures the app and its baseline alternately (A B B A …) after warming both, so that noise from the rest of
/// the machine lands on both sides of the ratio.
/// </summary>
public static class Comparison
{
    public static async Task<(LoadResult App, LoadResult Baseline)> RunAsync(
        ILoadGenerator load, LoadRequest app, LoadRequest baseline, BenchSettings settings)
    {
        await load.RunAsync(app, settings.Connections, settings.Warmup);
        await load.RunAsync(baseline, settings.Connections, settings.Warmup);
        var round = settings.Measure / settings.Rounds;
        var appRounds = new List<LoadResult>();
        var baselineRounds = new List<LoadResult>();
        for (var i = 0; i < settings.Rounds; i++)
        {
            var appFirst = i % 2 == 0;
            var first = await load.RunAsync(appFirst ? app : baseline, settings.Connections, round);
            var second = await load.RunAsync(appFirst ? baseline : app, settings.Connections, round);
            appRounds.Add(appFirst ? first : second);
            baselineRounds.Add(appFirst ? second : first);
        }
        return (LoadResult.Combine(appRounds), LoadResult.Combine(baselineRounds));
    }
}
