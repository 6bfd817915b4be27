using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Support.Benchmarks.Scenarios.Reminders;

/// <summary>
/// Writes pending reminders straight into the service's SQLite file while it is stopped, as signups over weeks
/// would have left them. At its next start the service's dispatchers find them by due time.
/// </summary>
public static class ReminderSeed
{
    /// <summary>Reminders for <c>{prefix}{i}@example.org</c>, i from 0, all due at <paramref name="dueAtUtc"/>.</summary>
    public static async Task InsertAsync(string databasePath, int count, DateTime dueAtUtc, string prefix)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Reminders (Email, DueAt, ArticleSlug, Status, UnsubscribeToken, Attempts, CreatedAt, UpdatedAt)
            VALUES ($email, $due, $slug, 'Pending', $token, 0, $now, $now)
            """;
        var email = command.Parameters.Add("$email", SqliteType.Text);
        var token = command.Parameters.Add("$token", SqliteType.Text);
        command.Parameters.AddWithValue("$due", Iso(dueAtUtc));
        command.Parameters.AddWithValue("$slug", BenchContext.ArticleSlug);
        command.Parameters.AddWithValue("$now", Iso(DateTime.UtcNow));
        for (var i = 0; i < count; i++)
        {
            email.Value = $"{prefix}{i}@example.org";
            token.Value = $"bench-{prefix}-{i:D8}";
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public static async Task<long> CountSentAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Reminders WHERE Status = 'Sent'";
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    // EF Core's SQLite format for DateTime ("yyyy-MM-dd HH:mm:ss.FFFFFFF").
    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
