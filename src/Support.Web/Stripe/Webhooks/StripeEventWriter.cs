using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Stripe;
using Support.Web.Data;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// Writes read events, one transaction at a time per process, through <see cref="ResilientTransaction"/>: the event
/// id, its ledger change and its email rows commit together or not at all (ADR 0002). Whoever gets the turn commits
/// every event waiting by then, each inside its own savepoint, so a busy SQLite file pays one commit (one fsync) for
/// many events, and a server database gets a few per transaction; the code is the same on every provider (ADR 0008).
/// </summary>
public sealed class StripeEventWriter(IServiceScopeFactory scopes, TimeProvider time, ILogger<StripeEventWriter> logger)
{
    public const int MaxBatchSize = 64;
    private const string Savepoint = "stripe_event";

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentQueue<Waiting> _waiting = new();
    private int _inFlight;

    /// <summary>Events handed to the writer and not yet answered (for diagnostics, metrics and tests).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// <see cref="EventOutcome.Applied"/>, <see cref="EventOutcome.Duplicate"/>, or the exception the event's own
    /// write threw (a <see cref="DbUpdateException"/> from a unique index is worth a retry). Not cancellable: once
    /// queued, the event is written even if its request gave up, and Stripe's redelivery is answered "duplicate".
    /// </summary>
    public async Task<EventOutcome> WriteAsync(Event stripeEvent, StripeEventSource source, EventWrite write, IReadOnlyList<PlannedEmail> emails)
    {
        var waiting = new Waiting(stripeEvent, source, write, emails);
        Interlocked.Increment(ref _inFlight);
        _waiting.Enqueue(waiting);
        try
        {
            await _turn.WaitAsync();
            try
            {
                // Usually the previous holder already committed this event with its own.
                while (!waiting.Outcome.Task.IsCompleted)
                {
                    await CommitWaitingAsync();
                }
            }
            finally
            {
                _turn.Release();
            }
            return await waiting.Outcome.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task CommitWaitingAsync()
    {
        var batch = new List<Waiting>(MaxBatchSize);
        while (batch.Count < MaxBatchSize && _waiting.TryDequeue(out var next))
        {
            batch.Add(next);
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            var ledger = scope.ServiceProvider.GetRequiredService<SupporterLedger>();
            var outbox = scope.ServiceProvider.GetRequiredService<SupporterEmailOutbox>();
            // Our own savepoint per event; EF's automatic one per SaveChanges would only add statements.
            db.Database.AutoSavepointsEnabled = false;
            var started = time.GetTimestamp();
            var results = await db.InTransactionAsync(token => ApplyAsync(db, ledger, outbox, batch, token), CancellationToken.None);
            logger.LogDebug("Committed {Count} Stripe event(s) in {Ms:F1} ms", batch.Count, time.GetElapsedTime(started).TotalMilliseconds);
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i].Error is { } error)
                {
                    batch[i].Outcome.TrySetException(error);
                }
                else
                {
                    batch[i].Outcome.TrySetResult(results[i].Outcome);
                }
            }
        }
        catch (Exception e)
        {
            // The transaction itself failed (after the execution strategy's retries): nothing of this batch was written.
            logger.LogError(e, "A batch of {Count} Stripe event(s) could not be committed", batch.Count);
            batch.ForEach(w => w.Outcome.TrySetException(e));
        }
    }

    /// <summary>Inside the transaction; run again from the start if the execution strategy retries it.</summary>
    private async Task<Result[]> ApplyAsync(SupportDbContext db, SupporterLedger ledger, SupporterEmailOutbox outbox,
        List<Waiting> batch, CancellationToken ct)
    {
        var ids = batch.Select(w => w.Event.Id).Distinct().ToList();
        var processed = await db.ProcessedStripeEvents.AsNoTracking()
            .Where(e => ids.Contains(e.EventId)).Select(e => e.EventId).ToHashSetAsync(ct);
        // The batch's supporters (locked), contributions and payments, one query each instead of a few per event.
        ledger.Forget();
        await ledger.LoadAsync(batch.Where(w => !processed.Contains(w.Event.Id)).Select(w => w.Write.Keys).ToList(), ct);
        var transaction = db.Database.CurrentTransaction!;
        // With others in the transaction, an event whose write fails must be undone alone; a batch of one just rolls back.
        var isolate = batch.Count > 1;
        var results = new Result[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            // A duplicate: committed before, or earlier in this batch.
            if (!processed.Add(batch[i].Event.Id))
            {
                results[i] = new(EventOutcome.Duplicate, null);
                continue;
            }
            if (isolate)
            {
                await transaction.CreateSavepointAsync(Savepoint, ct);
            }
            try
            {
                await RecordAsync(db, ledger, outbox, batch[i], ct);
                if (isolate)
                {
                    await transaction.ReleaseSavepointAsync(Savepoint, ct);
                }
                results[i] = new(EventOutcome.Applied, null);
            }
            catch (Exception e) when (isolate && e is not OperationCanceledException)
            {
                await transaction.RollbackToSavepointAsync(Savepoint, ct);
                await transaction.ReleaseSavepointAsync(Savepoint, ct);
                processed.Remove(batch[i].Event.Id);
                results[i] = new(EventOutcome.Duplicate, e);
                // What is tracked may no longer match the database: the events after this one read it again.
                db.ChangeTracker.Clear();
                ledger.Forget();
            }
        }
        return results;
    }

    /// <summary>One event: its id, its ledger change and its email rows, in one SaveChanges.</summary>
    private async Task RecordAsync(SupportDbContext db, SupporterLedger ledger, SupporterEmailOutbox outbox, Waiting waiting, CancellationToken ct)
    {
        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent
        {
            EventId = waiting.Event.Id,
            Type = waiting.Event.Type,
            ProcessedAt = time.GetUtcNow().UtcDateTime,
            Source = waiting.Source,
        });
        var contribution = await waiting.Write.ApplyAsync(ledger, ct);
        if (contribution is not null && waiting.Emails.Count > 0)
        {
            await outbox.AddAsync(waiting.Emails, contribution, ct);
        }
        // The primary key still decides a duplicate committed meanwhile by another process.
        await db.SaveChangesAsync(ct);
    }

    private sealed record Waiting(Event Event, StripeEventSource Source, EventWrite Write, IReadOnlyList<PlannedEmail> Emails)
    {
        public TaskCompletionSource<EventOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Result(EventOutcome Outcome, Exception? Error);
}
