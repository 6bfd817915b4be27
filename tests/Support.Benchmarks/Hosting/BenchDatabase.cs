using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Support.Benchmarks.Hosting;

/// <summary>
/// The database a service instance of the run uses, and the baseline's own connection to it: SQLite (the default: a
/// file in the instance's data folder) or PostgreSQL (<c>--database postgresql</c>: a cluster of the run's own,
/// started with <c>.ci/postgres</c> like CI, with the server's durable defaults, one database per instance). The
/// baselines' SQL quotes every name, so the same text runs on both.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string? _clusterDirectory;
    private readonly RepositoryPaths? _paths;

    private BenchDatabase(string name, string? server, string? clusterDirectory, RepositoryPaths? paths) =>
        (Name, _server, _clusterDirectory, _paths) = (name, server, clusterDirectory, paths);

    /// <summary><c>sqlite</c> or <c>postgresql</c>, as the results name it.</summary>
    public string Name { get; }

    public bool IsSqlite => _server is null;

    public static BenchDatabase Sqlite { get; } = new("sqlite", null, null, null);

    /// <summary>A throwaway cluster: a temporary folder, a loopback port, fsync on (the production default, unlike the tests').</summary>
    public static async Task<BenchDatabase> StartPostgreSqlAsync(RepositoryPaths paths, TextWriter log)
    {
        var directory = Path.Combine(Path.GetTempPath(), "support-bench-pg", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Path.Combine(paths.Root, ".ci", "postgres"), ["start", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SUPPORT_PG_OPTIONS"] = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on";
        using var process = Process.Start(start) ?? throw new InvalidOperationException(".ci/postgres did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($".ci/postgres start failed ({process.ExitCode}): {errors.Trim()}");
        }
        log.WriteLine($"PostgreSQL: a cluster of this run's own in {directory}");
        return new BenchDatabase("postgresql", output.Trim(), directory, paths);
    }

    /// <summary>The service settings for an instance whose data folder is <paramref name="dataDirectory"/> (its database created empty).</summary>
    public IReadOnlyList<string> Settings(string dataDirectory)
    {
        if (_server is null)
        {
            return [];
        }
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{NameFor(dataDirectory)}\"", connection);
            create.ExecuteNonQuery();
        }
        return ["Database:Provider=PostgreSql", "Database:MigrateOnStart=true", $"ConnectionStrings:Support={ConnectionString(dataDirectory)}"];
    }

    /// <summary>The baseline's connection to the instance's database (SQLite: read-only, on the same file).</summary>
    public async Task<DbConnection> OpenAsync(string dataDirectory)
    {
        DbConnection connection = _server is null
            ? new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, "support.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
            }.ToString())
            : new NpgsqlConnection(ConnectionString(dataDirectory));
        await connection.OpenAsync();
        return connection;
    }

    public string ClientVersion => _server is null
        ? $"Microsoft.Data.Sqlite {typeof(SqliteConnection).Assembly.GetName().Version}"
        : $"Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version}";

    private string ConnectionString(string dataDirectory) =>
        new NpgsqlConnectionStringBuilder(_server) { Database = NameFor(dataDirectory) }.ConnectionString;

    /// <summary>One database per instance root (<c>…/support-bench/{guid}/data</c>).</summary>
    private static string NameFor(string dataDirectory) => "bench_" + Path.GetFileName(Path.GetDirectoryName(dataDirectory.TrimEnd('/')));

    public async ValueTask DisposeAsync()
    {
        if (_clusterDirectory is null || _paths is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await Commands.RunAsync(Path.Combine(_paths.Root, ".ci", "postgres"), ["stop", _clusterDirectory], _paths.Root);
    }
}
