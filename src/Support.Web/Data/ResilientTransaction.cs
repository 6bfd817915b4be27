using Microsoft.EntityFrameworkCore;
using Support.Data;

namespace Support.Web.Data;

/// <summary>
/// The one way to open a transaction: inside the provider's execution strategy. SQL Server's and PostgreSQL's
/// retrying strategies refuse a user-started transaction outside it, and re-run the whole unit after a transient
/// failure, so the work starts from an empty change tracker and reads what it changes: it must be safe to run again.
/// </summary>
public static class ResilientTransaction
{
    public static Task<T> InTransactionAsync<T>(this SupportDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);

    /// <summary>The same unit, rolled back at the end: everything it would write is run, and nothing stays.</summary>
    public static Task InRolledBackTransactionAsync(this SupportDbContext db, Func<CancellationToken, Task> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await work(token);
            await transaction.RollbackAsync(token);
            db.ChangeTracker.Clear();
        }, ct);

    public static Task InTransactionAsync(this SupportDbContext db, Func<CancellationToken, Task> work, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            await work(token);
            return true;
        }, ct);
}
