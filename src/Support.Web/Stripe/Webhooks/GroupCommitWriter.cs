using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Support.Web.Data;
using Support.Web.Supporters.Emails;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// Group commit for SQLite (ADR 0006): requests queue their prepared events here and one writer applies whatever
/// is waiting, up to <see cref="MaxBatchSize"/>, in one transaction with one commit (one fsync), each event inside
/// its own savepoint with its own change tracking. Each request then gets its own event's outcome or exception.
/// </summary>
public sealed class GroupCommitWriter(
    IServiceScopeFactory scopes,
    WriteGate writes,
    SupporterEmailDispatcher dispatcher,
    TimeProvider time,
    ILogger<GroupCommitWriter> logger) : BackgroundService, IStripeEventWriter
{
    public const int MaxBatchSize = 64;
    private const string Savepoint = "stripe_event";

    private readonly Channel<PendingEvent> _queue = Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>One queued event; <see cref="Outcome"/> completes after its batch commits (or fails).</summary>
    public sealed record PendingEvent(Event StripeEvent, EventChange Change, CancellationToken RequestAborted)
    {
        private readonly TaskCompletionSource<EventOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<EventOutcome> Outcome => _outcome.Task;

        internal TaskCompletionSource<EventOutcome> Completion => _outcome;
    }

    public async Task<EventOutcome> WriteAsync(Event stripeEvent, EventChange change, CancellationToken ct)
    {
        var pending = new PendingEvent(stripeEvent, change, ct);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new OperationCanceledException("The application is stopping; Stripe will deliver the event again.");
        }
        return await pending.Outcome;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingEvent>(MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }
                await ApplyBatchAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is still queued was not written; its requests answer 500 and Stripe retries.
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var pending in batch)
            {
                pending.Completion.TrySetCanceled(stoppingToken);
            }
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Completion.TrySetCanceled(stoppingToken);
            }
        }
    }

    /// <summary>
    /// Applies the events in one transaction and completes each one's outcome after the commit. An event whose
    /// changes throw is rolled back to its savepoint and gets its exception; the others commit as if it never ran.
    /// </summary>
    public async Task ApplyBatchAsync(IReadOnlyList<PendingEvent> batch, CancellationToken ct)
    {
        var results = new EventResult[batch.Count];
        var emailIds = new List<long>();
        var started = time.GetTimestamp();
        long entered = started, applied = started;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var write = EventWriteScope.From(scope.ServiceProvider);
            // Our own savepoint per event; EF's automatic one per SaveChanges would only add statements.
            write.Db.Database.AutoSavepointsEnabled = false;
            using (await writes.EnterAsync(ct))
            {
                entered = time.GetTimestamp();
                await using var transaction = await write.Db.Database.BeginTransactionAsync(ct);
                // One query for the whole batch; events applied earlier in it are added as they go.
                var ids = batch.Select(p => p.StripeEvent.Id).Distinct().ToList();
                var processed = await write.Db.ProcessedStripeEvents.AsNoTracking()
                    .Where(e => ids.Contains(e.EventId)).Select(e => e.EventId).ToHashSetAsync(ct);
                for (var i = 0; i < batch.Count; i++)
                {
                    results[i] = await ApplyOneAsync(write, transaction, batch[i], processed, ct);
                    write.Db.ChangeTracker.Clear();
                }
                applied = time.GetTimestamp();
                await transaction.CommitAsync(ct);
            }
            emailIds.AddRange(results.SelectMany(r => r.EmailIds));
        }
        catch (Exception e)
        {
            // The commit (or the transaction itself) failed: nothing of this batch was written.
            logger.LogError(e, "A batch of {Count} Stripe event(s) could not be committed", batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
            return;
        }
        logger.LogDebug("Committed a batch of {Count} Stripe event(s): {Gate:F1} ms for the write turn, {Apply:F1} ms applying, {Commit:F1} ms committing",
            batch.Count, time.GetElapsedTime(started, entered).TotalMilliseconds, time.GetElapsedTime(entered, applied).TotalMilliseconds,
            time.GetElapsedTime(applied).TotalMilliseconds);
        dispatcher.Post(emailIds);
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                batch[i].Completion.TrySetException(error);
            }
            else
            {
                batch[i].Completion.TrySetResult(results[i].Outcome);
            }
        }
    }

    private async Task<EventResult> ApplyOneAsync(EventWriteScope write, IDbContextTransaction transaction,
        PendingEvent pending, HashSet<string> processed, CancellationToken ct)
    {
        if (pending.RequestAborted.IsCancellationRequested)
        {
            return new(EventOutcome.Duplicate, new OperationCanceledException(pending.RequestAborted), []);
        }
        if (processed.Contains(pending.StripeEvent.Id))
        {
            return new(EventOutcome.Duplicate, null, []);
        }
        write.Emails.Discard();
        await transaction.CreateSavepointAsync(Savepoint, ct);
        try
        {
            await StripeEventRecording.AddAsync(write, pending.StripeEvent, pending.Change, time.GetUtcNow().UtcDateTime, ct);
            await transaction.ReleaseSavepointAsync(Savepoint, ct);
            processed.Add(pending.StripeEvent.Id);
            return new(EventOutcome.Applied, null, [.. write.Emails.TakeAdded()]);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await transaction.RollbackToSavepointAsync(Savepoint, ct);
            await transaction.ReleaseSavepointAsync(Savepoint, ct);
            write.Emails.Discard();
            return new(EventOutcome.Duplicate, e, []);
        }
    }

    private readonly record struct EventResult(EventOutcome Outcome, Exception? Error, IReadOnlyList<long> EmailIds);
}
