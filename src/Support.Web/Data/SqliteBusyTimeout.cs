using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Support.Web.Data;

/// <summary>
/// SQLite has one writer per file. Without a busy timeout a second writer (an email claim during a webhook batch) gets
/// SQLITE_BUSY at once, and Microsoft.Data.Sqlite retries by sleeping its thread 150 ms at a time, leaving the lock idle.
/// SQLite's own busy handler waits in steps of a few milliseconds and takes the lock as soon as it is free.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(ct);
    }
}
