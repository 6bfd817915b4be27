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
    TimeSpan WebhookBudget,
    int Reminders,
    TimeSpan ReminderBudget,
    int Supporters)
{
    /// <summary>
    /// Each side measured 10 s in two rounds, app and baseline in A B B A order. The webhook replay stops after the
    /// chunk in which the app's share passes <see cref="WebhookBudget"/>, so a slow service cannot overrun the run.
    /// </summary>
    /// <remarks>Each side measured 10 s in two rounds, app and baseline in A B B A order.</remarks>
    public static BenchSettings Full { get; } = new(false, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), 2, 32,
        20_000, 50, 16, 40, TimeSpan.FromSeconds(150), 20_000, TimeSpan.FromSeconds(120), 100_000);

    public static BenchSettings SmokeSizes { get; } = new(true, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1, 32,
        200, 5, 16, 2, TimeSpan.FromSeconds(30), 100, TimeSpan.FromSeconds(30), 1_000);

    /// <summary>
    /// Applies <c>--webhook-concurrency N</c> and <c>--webhook-events N</c> (for experiments; issue 7 fixes 16 and
    /// the full size).
    /// </summary>
    public BenchSettings WithArguments(string[] args)
    {
        var settings = this;
        if (Number(args, "--webhook-concurrency") is { } concurrency)
        {
            settings = settings with { WebhookConcurrency = concurrency };
        }
        if (Number(args, "--webhook-events") is { } events)
        {
            settings = settings with { WebhookEvents = events };
        }
        return settings;
    }

    private static int? Number(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : null;
    }
}
