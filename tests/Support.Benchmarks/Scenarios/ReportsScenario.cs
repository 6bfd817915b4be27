using System.Diagnostics;
using Support.Benchmarks.Hosting;
using Support.Benchmarks.Scenarios.Reports;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// 5. <c>/staff/api/summary</c> over the demo history (<c>demo seed --supporters N</c> into a stopped service, then
/// <c>staff add</c>), p50 latency of requests one at a time, against one hand-written SQL aggregate computing MRR on
/// the same database (the SQLite file, or the PostgreSQL database with <c>--database postgresql</c>), interleaved
/// request by request, with the summary cache off (the default since the month totals, ADR 0015: every request
/// computes in the database).
/// </summary>
public static class ReportsScenario
{
    private const string Email = "bench.staff@example.com";
    private const string MrrSql = """SELECT "Currency", SUM("AmountCents") FROM "Contributions" WHERE "Status" IN ('Active', 'PastDue', 'Trialing') GROUP BY "Currency" """;

    public static async Task<ScenarioResult> RunAsync(RepositoryPaths paths, BenchSettings settings, IReadOnlyList<string> runSettings, TextWriter log,
        BenchDatabase? onDatabase = null)
    {
        var database = onDatabase ?? BenchDatabase.Sqlite;
        var root = ServiceHost.NewRoot();
        var data = Path.Combine(root, "data");
        IReadOnlyList<string> serviceSettings = [.. runSettings, .. database.Settings(data)];
        var password = "Bench-" + Guid.NewGuid().ToString("N");
        var seeding = Stopwatch.StartNew();
        var seeded = await ServiceCommand.RunAsync(paths, data, ["demo", "seed", "--supporters", settings.Supporters.ToString(System.Globalization.CultureInfo.InvariantCulture)], serviceSettings);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        log.WriteLine($"reports: {seeded.Split('\n')[^1]} ({seedSeconds:0} s with the process start)");
        await ServiceCommand.RunAsync(paths, data, ["staff", "add", Email, "--role", "Staff"], serviceSettings, password);
        var samples = settings.Smoke ? 5 : 15;

        (double App, double Sql) uncached;
        double movements;
        await using (var service = await ServiceHost.StartAsync(paths, log, [.. serviceSettings, "Reports:SummaryCacheDuration=00:00:00"], root, keepData: true))
        {
            using var staff = await StaffSession.SignInAsync(service.BaseAddress, Email, password);
            uncached = await InterleavedP50Async(staff, database, data, samples);
            movements = await MovementsP50Async(staff, settings.Smoke ? 3 : 5);
        }

        var ratio = uncached.App / uncached.Sql;
        return new ScenarioResult
        {
            Name = database.IsSqlite ? "reports" : "reports-" + database.Name,
            Value = uncached.App,
            Unit = "ms p50",
            Ratio = ratio,
            Baseline = "MRR SQL aggregate",
            BaselineValue = uncached.Sql,
            Note = $"summary cache off, {settings.Supporters:#,0} demo supporters (seeded in {seedSeconds:0} s), {samples} requests; " +
                "month totals kept with each ledger change (ADR 0015)",
            Target = "≤ 3×",
            TargetMet = ratio <= 3,
            Tools = new() { ["baseline"] = $"{database.ClientVersion}, a connection of its own to the same {(database.IsSqlite ? "file (read-only)" : "database")}" },
            Details = new()
            {
                ["supporters"] = settings.Supporters,
                ["seed_seconds"] = seedSeconds,
                ["uncached_p50_ms"] = uncached.App,
                ["sql_p50_ms"] = uncached.Sql,
                // The deeper figures' own endpoint (ADR 0018): every recurring gift of the range, apart from the summary.
                ["movements_p50_ms"] = movements,
            },
        };
    }

    /// <summary>Warms both sides twice, then times them alternately, one request or query at a time.</summary>
    private static async Task<(double App, double Sql)> InterleavedP50Async(HttpClient staff, BenchDatabase database, string data, int samples)
    {
        await using var connection = await database.OpenAsync(data);
        var app = new List<double>();
        var sql = new List<double>();
        for (var i = -2; i < samples; i++)
        {
            var a = await TimeAsync(async () =>
            {
                using var response = await staff.GetAsync("staff/api/summary");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            var b = await TimeAsync(async () =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MrrSql;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            });
            if (i >= 0)
            {
                app.Add(a);
                sql.Add(b);
            }
        }
        return (Median(app), Median(sql));
    }

    /// <summary>/staff/api/movements for the default 12 months, after one warm-up request.</summary>
    private static async Task<double> MovementsP50Async(HttpClient staff, int samples)
    {
        var times = new List<double>();
        for (var i = -1; i < samples; i++)
        {
            var t = await TimeAsync(async () =>
            {
                using var response = await staff.GetAsync("staff/api/movements");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            if (i >= 0)
            {
                times.Add(t);
            }
        }
        return Median(times);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
