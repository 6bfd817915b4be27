using Microsoft.Data.Sqlite;
using Support.Benchmarks.Hosting;

namespace Support.Benchmarks.Scenarios.Articles;

/// <summary>
/// For <c>article-page-experiment</c>: a running two-variant experiment for all articles, written into the service's
/// SQLite database as the staff API would store it; the service picks it up at its next experiment sync.
/// </summary>
public static class RunningExperiment
{
    public static async Task StartAsync(BenchContext bench)
    {
        await using (var db = new SqliteConnection($"Data Source={bench.Service.DatabasePath}"))
        {
            await db.OpenAsync();
            var command = db.CreateCommand();
            command.CommandText = """
                INSERT INTO Experiments (Name, Status, Mode, ArticleSlugs, RunningScopeHash, StartedAt)
                VALUES ('Benchmark headings', 'Running', 'Split', NULL, 'benchmark', $now);
                INSERT INTO ExperimentVariants (ExperimentId, Position, Name, Weight, Heading, Views, Dismissals, Reminders, CheckoutStarts)
                VALUES (last_insert_rowid(), 0, 'A', 1, 'Heading A', 0, 0, 0, 0);
                INSERT INTO ExperimentVariants (ExperimentId, Position, Name, Weight, Heading, Views, Dismissals, Reminders, CheckoutStarts)
                SELECT ExperimentId, 1, 'B', 1, 'Heading B', 0, 0, 0, 0 FROM ExperimentVariants WHERE Id = last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync();
        }
        // Waits on the condition: the page shows a variant (Experiments:SyncInterval, 15 s by default).
        var shown = await Poll.UntilAsync(
            async () => (await bench.Client.GetStringAsync($"articles/{BenchContext.ArticleSlug}")).Contains("name=\"variant\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        if (!shown)
        {
            throw new InvalidOperationException("The service did not show the benchmark's experiment within 60 s.");
        }
    }
}
