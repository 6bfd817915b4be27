using Microsoft.EntityFrameworkCore;
using Support.Data;
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
/// causes, so a concurrent duplicate is answered as already processed (found by the writer's re-check, or failing
/// on the primary key). The Stripe reads happen here, in the request; the writer only writes.
/// </summary>
public sealed class StripeEventProcessor(
    SupportDbContext db,
    StripeEventChanges changes,
    IStripeEventWriter writer,
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
                var outcome = await writer.WriteAsync(stripeEvent, change, ct);
                if (outcome == EventOutcome.Applied)
                {
                    logger.LogInformation("Applied Stripe event {EventId} of type {EventType}", stripeEvent.Id, stripeEvent.Type);
                }
                return outcome;
            }
            catch (DbUpdateException e)
            {
                // The writer answers after its commit, so a duplicate that won the race is visible here.
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

    private Task<bool> IsProcessedAsync(string eventId, CancellationToken ct) =>
        db.ProcessedStripeEvents.AsNoTracking().AnyAsync(e => e.EventId == eventId, ct);
}
