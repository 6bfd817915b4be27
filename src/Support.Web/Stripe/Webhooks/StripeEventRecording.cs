using Microsoft.EntityFrameworkCore;
using Support.Data.Stripe;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>One event inside an open write transaction: the event row and its changes, one SaveChanges.</summary>
public static class StripeEventRecording
{
    public static async Task<EventOutcome> RecordAsync(EventWriteScope scope, Event stripeEvent, EventChange change,
        DateTime processedAt, CancellationToken ct)
    {
        // A concurrent delivery of the same event may have committed (or, in a batch, been written) before this one.
        if (await IsProcessedAsync(scope, stripeEvent.Id, ct))
        {
            return EventOutcome.Duplicate;
        }
        await AddAsync(scope, stripeEvent, change, processedAt, ct);
        return EventOutcome.Applied;
    }

    /// <summary>For a caller that has already found the event unprocessed inside this transaction.</summary>
    public static async Task AddAsync(EventWriteScope scope, Event stripeEvent, EventChange change, DateTime processedAt, CancellationToken ct)
    {
        var db = scope.Db;
        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent
        {
            EventId = stripeEvent.Id,
            Type = stripeEvent.Type,
            ProcessedAt = processedAt,
        });
        await change(scope, ct);
        // The primary key still decides a duplicate that this process did not see (another process, SQL Server).
        await db.SaveChangesAsync(ct);
    }

    public static Task<bool> IsProcessedAsync(EventWriteScope scope, string eventId, CancellationToken ct) =>
        scope.Db.ProcessedStripeEvents.AsNoTracking().AnyAsync(e => e.EventId == eventId, ct);
}
