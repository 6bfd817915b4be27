using Microsoft.Data.Sqlite;
using Npgsql;

namespace Support.Tests.Security.Walk;

/// <summary>
/// Tells whether anything was written to the app's database since the last look: SQLite's change counter
/// (<c>PRAGMA data_version</c>, which moves when another connection commits a change), or on PostgreSQL a row
/// trigger on every table that counts inserted, updated and deleted rows.
/// </summary>
public sealed class StoreWatch : IAsyncDisposable
{
    private readonly System.Data.Common.DbConnection _connection;
    private readonly string _query;
    private long _last;

    private StoreWatch(System.Data.Common.DbConnection connection, string query)
    {
        _connection = connection;
        _query = query;
    }

    public static async Task<StoreWatch> OpenAsync(string connectionString, bool postgreSql)
    {
        if (!postgreSql)
        {
            var sqlite = new SqliteConnection(connectionString);
            await sqlite.OpenAsync();
            return await StartAsync(new StoreWatch(sqlite, "PRAGMA data_version"));
        }
        var npgsql = new NpgsqlConnection(connectionString);
        await npgsql.OpenAsync();
        await using (var install = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS walk_row_changes (n bigint NOT NULL);
            INSERT INTO walk_row_changes SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM walk_row_changes);
            CREATE OR REPLACE FUNCTION walk_count() RETURNS trigger AS $$
              BEGIN UPDATE walk_row_changes SET n = n + 1; RETURN NULL; END $$ LANGUAGE plpgsql;
            DO $$ DECLARE t record; BEGIN
              FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'walk_row_changes' LOOP
                EXECUTE format('CREATE OR REPLACE TRIGGER walk_watch AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION walk_count()', t.tablename);
              END LOOP; END $$;
            """, npgsql))
        {
            await install.ExecuteNonQueryAsync();
        }
        return await StartAsync(new StoreWatch(npgsql, "SELECT n FROM walk_row_changes"));
    }

    private static async Task<StoreWatch> StartAsync(StoreWatch watch)
    {
        watch._last = await watch.ReadAsync();
        return watch;
    }

    /// <summary>True when something was written since the previous call (or since opening).</summary>
    public async Task<bool> ChangedAsync()
    {
        var now = await ReadAsync();
        var changed = now != _last;
        _last = now;
        return changed;
    }

    private async Task<long> ReadAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = _query;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
