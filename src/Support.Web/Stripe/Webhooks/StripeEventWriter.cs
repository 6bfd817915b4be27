using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Stripe;
using Microsoft.Extensions.Options;
using Support.Web.Data;
using Support.Web.Reports;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// Writes read events through <see cref="ResilientTransaction"/>: the event id, its ledger change and its email rows
/// commit together or not at all (ADR 0002). Events are split into lanes by Stripe customer, one transaction at a time
/// per lane: whoever gets a lane's turn commits every event waiting in it by then, all in one SaveChanges (ADR 0022); if
/// that fails, the batch runs again with a savepoint per event, so only the failing event fails. A busy SQLite file
/// (one lane) pays one commit (one fsync) for many events, and a server database runs
/// <see cref="DatabaseOptions.WebhookWriters"/> transactions at once while one supporter's events still commit one
/// after the other. The code is the same on every provider (ADR 0008, ADR 0019).
/// </summary>
public sealed class StripeEventWriter(IServiceScopeFactory scopes, TimeProvider time, IOptions<DatabaseOptions> database,
    ILogger<StripeEventWriter> logger)
{
    public const int MaxBatchSize = 64;
    private const string Savepoint = "stripe_event";

    private readonly Lane[] _lanes = Enumerable.Range(0, database.Value.EffectiveWebhookWriters).Select(_ => new Lane()).ToArray();
    private int _inFlight;
    private int _turns;

    /// <summary>Events handed to the writer and not yet answered: the backlog of webhook writes in this process.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>How many transactions may run at once: 1 on SQLite, <see cref="DatabaseOptions.WebhookWriters"/> elsewhere.</summary>
    public int Lanes => _lanes.Length;

    /// <summary>Lanes whose transaction is open right now (at most <see cref="Lanes"/>).</summary>
    public int OpenTurns => Volatile.Read(ref _turns);

    /// <summary>
    /// The lane of an event's rows: by customer (a supporter and everything of theirs), else by the first key it has.
    /// A stable hash, so the lane of a customer does not change with the process.
    /// </summary>
    public int LaneOf(LedgerKeys keys)
    {
        var key = keys.CustomerId ?? keys.SubscriptionId ?? keys.InvoiceId ?? keys.PaymentIntentId ?? "";
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)_lanes.Length);
    }

    /// <summary>
    /// <see cref="EventOutcome.Applied"/>, <see cref="EventOutcome.Duplicate"/>, or the exception the event's own
    /// write threw (a <see cref="DbUpdateException"/> from a unique index is worth a retry). Not cancellable: once
    /// queued, the event is written even if its request gave up, and Stripe's redelivery is answered "duplicate".
    /// </summary>
    public async Task<EventOutcome> WriteAsync(Event stripeEvent, StripeEventSource source, EventWrite write, IReadOnlyList<PlannedEmail> emails)
    {
        var waiting = new Waiting(stripeEvent, source, write, emails);
        var lane = _lanes[LaneOf(write.Keys)];
        Interlocked.Increment(ref _inFlight);
        lane.Queue.Enqueue(waiting);
        try
        {
            await lane.Turn.WaitAsync();
            try
            {
                // Usually the previous holder already committed this event with its own.
                while (!waiting.Outcome.Task.IsCompleted)
                {
                    await CommitWaitingAsync(lane);
                }
            }
            finally
            {
                lane.Turn.Release();
            }
            return await waiting.Outcome.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task CommitWaitingAsync(Lane lane)
    {
        var batch = new List<Waiting>(MaxBatchSize);
        while (batch.Count < MaxBatchSize && lane.Queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }
        Interlocked.Increment(ref _turns);
        try
        {
            var started = time.GetTimestamp();
            Result[] results;
            try
            {
                results = await CommitAsync(batch, oneByOne: false);
            }
            catch (Exception e) when (batch.Count > 1 && e is not OperationCanceledException)
            {
                // Nothing of the batch was written: again, each event in its own savepoint, so only the failing one fails.
                logger.LogDebug(e, "A batch of {Count} Stripe event(s) failed as a whole; retrying it one event at a time", batch.Count);
                results = await CommitAsync(batch, oneByOne: true);
            }
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
        finally
        {
            Interlocked.Decrement(ref _turns);
        }
    }

    /// <summary>
    /// One transaction for the batch. Usually every event is applied and saved together (one SaveChanges, no savepoint);
    /// <paramref name="oneByOne"/> saves each event inside a savepoint of its own, so a failing event is undone alone.
    /// </summary>
    private async Task<Result[]> CommitAsync(List<Waiting> batch, bool oneByOne)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<SupporterLedger>();
        var outbox = scope.ServiceProvider.GetRequiredService<SupporterEmailOutbox>();
        // Our own savepoints; EF's automatic one per SaveChanges would only add statements.
        db.Database.AutoSavepointsEnabled = false;
        return await db.InTransactionAsync(token => ApplyAsync(db, ledger, outbox, batch, oneByOne, token), CancellationToken.None);
    }

    /// <summary>
    /// A batch's whole write (its queries, change tracking, SaveChanges and report figures) in a transaction that is then
    /// rolled back, so nothing stays: <see cref="WebhookWarmup"/> runs it at start.
    /// </summary>
    public async Task RehearseAsync(IReadOnlyList<(Event Event, EventWrite Write, IReadOnlyList<PlannedEmail> Emails)> events, CancellationToken ct)
    {
        var batch = events.Select(e => new Waiting(e.Event, StripeEventSource.Webhook, e.Write, e.Emails)).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        db.Database.AutoSavepointsEnabled = false;
        await db.InRolledBackTransactionAsync(token => ApplyAsync(db, scope.ServiceProvider.GetRequiredService<SupporterLedger>(),
            scope.ServiceProvider.GetRequiredService<SupporterEmailOutbox>(), batch, oneByOne: false, token), ct);
    }

    /// <summary>
    /// Inside the transaction: every new event of the batch. Together, they are saved by one SaveChanges at the end, and
    /// any failure fails the whole batch; <paramref name="oneByOne"/>, each is saved in a savepoint of its own.
    /// </summary>
    private async Task<Result[]> ApplyAsync(SupportDbContext db, SupporterLedger ledger, SupporterEmailOutbox outbox,
        List<Waiting> batch, bool oneByOne, CancellationToken ct)
    {
        var processed = await LoadBatchAsync(db, ledger, outbox, batch, ct);
        var monthTotals = DeferredMonthTotals.Begin();
        var results = new Result[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var waiting = batch[i];
            // A duplicate: committed before, or earlier in this batch.
            if (!processed.Add(waiting.Event.Id))
            {
                results[i] = new(EventOutcome.Duplicate, null);
            }
            else if (oneByOne)
            {
                results[i] = await SaveInSavepointAsync(db, ledger, outbox, waiting, monthTotals, ct);
                if (results[i].Error is not null)
                {
                    processed.Remove(waiting.Event.Id);
                }
            }
            else
            {
                await RecordAsync(db, ledger, outbox, waiting, ct);
                results[i] = new(EventOutcome.Applied, null);
            }
        }
        if (!oneByOne)
        {
            // Detects the batch's changes (RecordAsync turns detection off while it applies an event); the primary key
            // still decides a duplicate committed meanwhile by another process.
            await db.SaveChangesAsync(ct);
            monthTotals.Keep();
        }
        await monthTotals.FlushAsync(db, ct);
        return results;
    }

    /// <summary>One event saved inside a savepoint, or undone alone (with the tracked state forgotten) if it fails.</summary>
    private async Task<Result> SaveInSavepointAsync(SupportDbContext db, SupporterLedger ledger, SupporterEmailOutbox outbox,
        Waiting waiting, DeferredMonthTotals monthTotals, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(Savepoint, ct);
        try
        {
            await RecordAsync(db, ledger, outbox, waiting, ct);
            await db.SaveChangesAsync(ct);
            await transaction.ReleaseSavepointAsync(Savepoint, ct);
            monthTotals.Keep();
            return new(EventOutcome.Applied, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackToSavepointAsync(Savepoint, ct);
            await transaction.ReleaseSavepointAsync(Savepoint, ct);
            monthTotals.Drop();
            // What is tracked may no longer match the database: the events after this one read it again.
            db.ChangeTracker.Clear();
            ledger.Forget();
            outbox.Forget();
            return new(EventOutcome.Duplicate, e);
        }
    }

    /// <summary>
    /// The batch's ids already processed, its supporters (locked), contributions and payments, and which of its planned
    /// email rows exist, one query each instead of a few per event. Run again from the start if the execution strategy retries the transaction.
    /// </summary>
    private static async Task<HashSet<string>> LoadBatchAsync(SupportDbContext db, SupporterLedger ledger, SupporterEmailOutbox outbox,
        List<Waiting> batch, CancellationToken ct)
    {
        var ids = batch.Select(w => w.Event.Id).Distinct().ToList();
        var processed = await db.ProcessedStripeEvents.AsNoTracking()
            .Where(e => ids.Contains(e.EventId)).Select(e => e.EventId).ToHashSetAsync(ct);
        var waiting = batch.Where(w => !processed.Contains(w.Event.Id)).ToList();
        ledger.Forget();
        await ledger.LoadAsync(waiting.Select(w => w.Write.Keys).ToList(), ct);
        outbox.Forget();
        var emails = waiting.SelectMany(w => w.Emails).ToList();
        if (emails.Count > 0)
        {
            await outbox.LoadAsync(emails, ct);
        }
        return processed;
    }

    /// <summary>One event: its id, its ledger change and its email rows, tracked for the caller's SaveChanges.</summary>
    private async Task RecordAsync(SupportDbContext db, SupporterLedger ledger, SupporterEmailOutbox outbox, Waiting waiting, CancellationToken ct)
    {
        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent
        {
            EventId = waiting.Event.Id,
            Type = waiting.Event.Type,
            ProcessedAt = time.GetUtcNow().UtcDateTime,
            Source = waiting.Source,
        });
        // DbSet.Local look-ups would otherwise scan every tracked row for changes (quadratic in the batch: the writer's
        // largest CPU cost when profiled). They compare the rows' own properties and link through navigations, so
        // nothing here needs detection before the SaveChanges, which detects once (the report interceptor as well).
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var contribution = await waiting.Write.ApplyAsync(ledger, ct);
            if (contribution is not null && waiting.Emails.Count > 0)
            {
                await outbox.AddAsync(waiting.Emails, contribution, ct);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private sealed record Waiting(Event Event, StripeEventSource Source, EventWrite Write, IReadOnlyList<PlannedEmail> Emails)
    {
        public TaskCompletionSource<EventOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One lane's turn and the events waiting for it.</summary>
    private sealed class Lane
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public ConcurrentQueue<Waiting> Queue { get; } = new();
    }

    private readonly record struct Result(EventOutcome Outcome, Exception? Error);
}
