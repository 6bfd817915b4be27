using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Stripe;
using Support.Web.Data;
using Support.Web.Supporters.Emails;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

public enum EventOutcome
{
    Applied,
    Duplicate,
    Ignored,
}

/// <summary>
/// Applies each Stripe event exactly once: the event id is inserted in the same transaction as the changes it
/// causes, so a concurrent duplicate fails on the primary key and is answered as already processed.
/// </summary>
public sealed class StripeEventProcessor(
    SupportDbContext db,
    StripeEventChanges changes,
    SupporterEmailOutbox emails,
    WriteGate writes,
    TimeProvider time,
    ILogger<StripeEventProcessor> logger)
{
    private const int MaxAttempts = 3;

    public async Task<EventOutcome> ProcessAsync(Event stripeEvent, CancellationToken ct)
    {
        if (!StripeEventChanges.Handles(stripeEvent.Type))
        {
            logger.LogInformation("Ignoring Stripe event {EventId} of type {EventType}", stripeEvent.Id, stripeEvent.Type);
            return EventOutcome.Ignored;
        }
        if (await IsProcessedAsync(stripeEvent.Id, ct))
        {
            return EventOutcome.Duplicate;
        }

        // Fresh state is read from Stripe before the transaction opens, so no lock is held across HTTP.
        var change = await changes.PrepareAsync(stripeEvent, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await ApplyAsync(stripeEvent, change, ct);
                if (outcome == EventOutcome.Applied)
                {
                    // Only now: a job enqueued before the commit could run before its row is visible, and a
                    // duplicate delivery never gets here, so each triggering event enqueues its emails once.
                    emails.EnqueueAdded();
                    logger.LogInformation("Applied Stripe event {EventId} of type {EventType}", stripeEvent.Id, stripeEvent.Type);
                }
                return outcome;
            }
            catch (DbUpdateException e)
            {
                db.ChangeTracker.Clear();
                emails.Discard();
                if (await IsProcessedAsync(stripeEvent.Id, ct))
                {
                    return EventOutcome.Duplicate;
                }
                if (attempt >= MaxAttempts)
                {
                    throw;
                }
                // Another event created the same supporter or payment first; the next attempt will find it.
                logger.LogInformation(e, "Retrying Stripe event {EventId} after a write conflict (attempt {Attempt})", stripeEvent.Id, attempt);
            }
        }
    }

    /// <summary>
    /// One transaction, one SaveChanges: the event row and its changes. On SQLite the gate queues this process's
    /// writers, so the transaction (BEGIN IMMEDIATE) finds the file's write lock free instead of polling for it.
    /// </summary>
    private async Task<EventOutcome> ApplyAsync(Event stripeEvent, Func<CancellationToken, Task> change, CancellationToken ct)
    {
        using var turn = await writes.EnterAsync(ct);
        // SQL Server's retrying strategy runs the whole transaction again on a transient error; SQLite's runs it once.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            emails.Discard();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // A concurrent delivery of the same event may have committed while this one waited for its turn.
            if (await IsProcessedAsync(stripeEvent.Id, token))
            {
                return EventOutcome.Duplicate;
            }
            db.ProcessedStripeEvents.Add(new ProcessedStripeEvent
            {
                EventId = stripeEvent.Id,
                Type = stripeEvent.Type,
                ProcessedAt = time.GetUtcNow().UtcDateTime,
            });
            await change(token);
            // The primary key still decides a duplicate that this process did not see (another process, SQL Server).
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return EventOutcome.Applied;
        }, ct);
    }

    private Task<bool> IsProcessedAsync(string eventId, CancellationToken ct) =>
        db.ProcessedStripeEvents.AsNoTracking().AnyAsync(e => e.EventId == eventId, ct);
}
