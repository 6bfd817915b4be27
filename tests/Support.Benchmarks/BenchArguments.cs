namespace Support.Benchmarks;

/// <summary>
/// The command line (docs/performance.md, "Run it"): <c>--smoke</c> (tiny sizes, CI), <c>--no-build</c>,
/// <c>--no-wrk</c> (the .NET load generator), <c>--service-directory dir</c> (run the service from
/// there, e.g. a <c>dotnet publish</c> output, instead of the Release build), <c>--emulator-in-service</c>, <c>--output file</c>,
/// <c>--only name[,name]</c>, <c>--service-setting Key:Sub=Value</c> (repeatable), <c>--database postgresql</c> (webhook
/// ingestion and reports once more on a PostgreSQL cluster of the run's own, after SQLite); <c>--webhook-concurrency N</c> and
/// <c>--webhook-events N</c> are read by <see cref="BenchSettings.WithArguments"/>. <see cref="ServiceSettings"/> reach every service instance the
/// run starts (the shared one and those of the reminder and reports scenarios), so a run-wide choice such as a
/// database provider is one more entry there.
/// </summary>
public sealed record BenchArguments(
    bool Smoke,
    bool NoBuild,
    bool NoWrk,
    bool EmulatorInService,
    string? Output,
    IReadOnlyList<string>? Only,
    IReadOnlyList<string> ServiceSettings,
    bool PostgreSql = false,
    string? ServiceDirectory = null)
{
    public static BenchArguments Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new BenchArguments(
            args.Contains("--smoke"),
            args.Contains("--no-build"),
            args.Contains("--no-wrk"),
            args.Contains("--emulator-in-service"),
            Value("--output") is { } output ? Path.GetFullPath(output) : null,
            Value("--only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            [.. args.Zip(args.Skip(1)).Where(p => p.First == "--service-setting").Select(p => p.Second)],
            Value("--database") is { } database && (database.Equals("postgresql", StringComparison.OrdinalIgnoreCase)
                || (database.Equals("sqlite", StringComparison.OrdinalIgnoreCase) ? false : throw new ArgumentException($"--database is sqlite or postgresql, not {database}."))),
            Value("--service-directory") is { } directory ? Path.GetFullPath(directory) : null);
    }

    /// <summary>Whether <c>--only</c> (when given) names this scenario.</summary>
    public bool Runs(string name) => Only is null || Only.Contains(name);
}
