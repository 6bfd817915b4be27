using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Support.Tests.Email;

/// <summary>
/// Stands between the app and every transaction commit it makes: counts them, and on a test's word refuses them or holds
/// them until released, so a test sees what a sender does while its record is not yet committed or never will be.
/// </summary>
public sealed class CommitGate : DbTransactionInterceptor
{
    private TaskCompletionSource _release = Open();
    private int _commits;

    /// <summary>Commits that went through so far.</summary>
    public int Commits => Volatile.Read(ref _commits);

    /// <summary>While true, every commit throws instead (a database that fails at the wrong moment).</summary>
    public bool Refuse { get; set; }

    /// <summary>Completes when a commit is being held (after <see cref="Hold"/>).</summary>
    public Task Holding => _holding.Task;

    private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>From now on commits wait for <see cref="Release"/>.</summary>
    public void Hold()
    {
        _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets held commits (and every later one) through.</summary>
    public void Release() => _release.TrySetResult();

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Refuse)
        {
            throw new InvalidOperationException("The test refused this commit");
        }
        if (!_release.Task.IsCompleted)
        {
            _holding.TrySetResult();
            await _release.Task;
        }
        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        return Task.CompletedTask;
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.TrySetResult();
        return open;
    }
}
