using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Support.Web.Data;

/// <summary>
/// SQLite has one writer per file. Without a busy timeout a second writer (an email claim during a webhook batch) gets
/// SQLITE_BUSY at once, and Microsoft.Data.Sqlite retries by sleeping its thread 150 ms at a time, leaving the lock idle.
/// SQLite's own busy handler waits in steps of a few milliseconds and takes the lock as soon as it is free. The pragma
/// is set once per physical connection (the pool hands the same one out again), not at every open.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    private readonly ConditionalWeakTable<object, object> _configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The native handle outlives the pooled <see cref="SqliteConnection"/> objects that wrap it.</summary>
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
