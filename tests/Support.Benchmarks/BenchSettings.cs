namespace Support.Benchmarks;

/// <summary>Sizes of one run: the full run (issue 7's figures) or the smoke run (<c>--smoke</c>, for CI).</summary>
public sealed record BenchSettings(
    bool Smoke,
    TimeSpan Warmup,
    TimeSpan Measure,
    int Rounds,
    int Connections,
    int WebhookEvents,
    int WebhookSubscriptions,
    int WebhookConcurrency,
    int WebhookChunks,
    int Reminders,
    int Supporters)
{
    /// <summary>Each side measured 10 s in two rounds, app and baseline in A B B A order.</summary>
    public static BenchSettings Full { get; } = new(false, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), 2, 32,
        20_000, 100, 16, 4, 20_000, 100_000);

    public static BenchSettings SmokeSizes { get; } = new(true, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1, 32,
        200, 5, 16, 2, 100, 1_000);
}
