using Support.Data;
using Support.Data.Email;
using Support.Web.Data;

namespace Support.Web.Email.Outbox;

/// <summary>
/// Records "sent" for every sender of one kind of email in this process, with one transaction for all the records
/// waiting (group commit). A sender awaits its own record before it sends its next message, so each claim still has at
/// most the one message in flight that a crash can send twice; a synced commit is shared instead of paid per email.
/// Records that arrive while a commit runs go into the next one, which starts as soon as that one ends.
/// </summary>
public sealed class SentRecords<T>(IServiceScopeFactory scopes) where T : QueuedEmail
{
    private readonly Lock _gate = new();
    private List<Waiting> _waiting = [];
    private bool _committing;

    /// <summary>
    /// Completes once the record is committed: true, or false when the claim was lost (recovered elsewhere). Throws
    /// what the commit threw; the sender must then stop, since the email may have gone without its record.
    /// </summary>
    public Task<bool> RecordAsync(EmailClaim<T> claim, long id)
    {
        var record = new Waiting(claim, id);
        lock (_gate)
        {
            _waiting.Add(record);
            if (_committing)
            {
                return record.Done.Task;
            }
            _committing = true;
        }
        _ = Task.Run(CommitWhileWaitingAsync);
        return record.Done.Task;
    }

    private async Task CommitWhileWaitingAsync()
    {
        while (true)
        {
            List<Waiting> turn;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _committing = false;
                    return;
                }
                turn = _waiting;
                _waiting = [];
            }
            await CommitAsync(turn);
        }
    }

    private async Task CommitAsync(List<Waiting> turn)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            var claims = scope.ServiceProvider.GetRequiredService<EmailClaims<T>>();
            var recorded = new bool[turn.Count];
            // Each record stays conditional on its own claim; a retried transaction runs them all again.
            await db.InTransactionAsync(async _ =>
            {
                for (var i = 0; i < turn.Count; i++)
                {
                    recorded[i] = await claims.FinishAsync(turn[i].Claim, turn[i].Id, EmailStatus.Sent, null);
                }
            }, CancellationToken.None);
            for (var i = 0; i < turn.Count; i++)
            {
                turn[i].Done.TrySetResult(recorded[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var record in turn)
            {
                record.Done.TrySetException(e);
            }
        }
    }

    private sealed record Waiting(EmailClaim<T> Claim, long Id)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
