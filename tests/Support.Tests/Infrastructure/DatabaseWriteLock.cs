using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Support.Tests.Infrastructure;

/// <summary>
/// Holds the app's database against webhook writes from a connection of the test's own, as another process's long
/// transaction would: SQLite's write lock (BEGIN IMMEDIATE), or on PostgreSQL an exclusive lock on the processed-event
/// table (reads go on, inserts wait). Disposing lets the writers through.
/// </summary>
public sealed class DatabaseWriteLock : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    private DatabaseWriteLock(DbConnection connection, DbTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<DatabaseWriteLock> HoldAsync(SupportAppFactory app)
    {
        var connectionString = await app.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        DbConnection connection = TestDatabase.IsPostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        // Microsoft.Data.Sqlite begins IMMEDIATE by default: the write lock is taken here.
        var transaction = await connection.BeginTransactionAsync();
        if (TestDatabase.IsPostgreSql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "LOCK TABLE \"ProcessedStripeEvents\" IN EXCLUSIVE MODE";
            await command.ExecuteNonQueryAsync();
        }
        return new DatabaseWriteLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
