using Npgsql;

namespace Support.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use, named by <c>SUPPORT_TEST_POSTGRES</c> (an Npgsql connection string without a
/// database; <c>.ci/run</c> starts a throwaway cluster with <c>.ci/postgres start</c> and sets it). Each test app gets
/// an empty database of its own, created here and migrated by the app itself at start.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "SUPPORT_TEST_POSTGRES";

    private static readonly string? Server = Environment.GetEnvironmentVariable(Variable);

    /// <summary>Apps that share a database may start at once; the check and the creation go together.</summary>
    private static readonly Lock Creating = new();

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => string.IsNullOrWhiteSpace(Server)
        ? $"PostgreSQL tests need a server: apt-get install -y postgresql, then run .ci/run (it starts a throwaway cluster), or set {Variable}=\"$(.ci/postgres start)\"."
        : null;

    /// <summary>Creates the database if it does not exist yet and returns its connection string.</summary>
    public static string Create(string database)
    {
        var server = Server ?? throw new InvalidOperationException(Unavailable);
        using var creating = Creating.EnterScope();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public static void Drop(string database)
    {
        if (Server is null)
        {
            return;
        }
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        // FORCE ends the app's pooled connections, which nothing will use again.
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
