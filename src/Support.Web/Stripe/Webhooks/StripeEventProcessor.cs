using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Web.Email.Outbox;
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
/// One verified Stripe event, top to bottom (ADR 0002, ADR 0008): skip it if its type is not ours or it is already
/// processed; let its handler read fresh state from Stripe; write the event id, the ledger change and the email rows
/// in one transaction; then wake the email senders. Webhooks come here, and so can any other source of events.
/// </summary>
public sealed class StripeEventProcessor(
    SupportDbContext db,
    IServiceProvider services,
    StripeEventWriter writer,
    EmailWakeup<EmailDispatch> emails,
    IOptions<StripeOptions> options,
    ILogger<StripeEventProcessor> logger)
{
    private const int MaxAttempts = 3;

    public async Task<EventOutcome> ProcessAsync(Event stripeEvent, CancellationToken ct)
    {
        if (StripeEventHandlers.HandlerFor(stripeEvent.Type) is not { } handlerType)
        {
            logger.LogInformation("Ignoring Stripe event {EventId} of type {EventType}", stripeEvent.Id, stripeEvent.Type);
            return EventOutcome.Ignored;
        }
        if (await IsProcessedAsync(stripeEvent.Id, ct))
        {
            return EventOutcome.Duplicate;
        }

        // Fresh state is read before the transaction opens, so no lock is held across a call to Stripe.
        var handler = (IStripeEventHandler)services.GetRequiredService(handlerType);
        var write = await handler.ReadAsync(stripeEvent, ct);
        // Which emails an event causes is read from the event itself, so it does not depend on the order of delivery.
        var planned = SupporterEmailPlanner.Plan(stripeEvent, options.Value.Currency);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await writer.WriteAsync(stripeEvent, write, planned);
                if (outcome == EventOutcome.Applied)
                {
                    logger.LogInformation("Applied Stripe event {EventId} of type {EventType}", stripeEvent.Id, stripeEvent.Type);
                    if (planned.Count > 0)
                    {
                        emails.Notify();
                    }
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
