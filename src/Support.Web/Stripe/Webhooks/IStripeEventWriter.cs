using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// Commits one prepared event: <see cref="EventOutcome.Applied"/> or <see cref="EventOutcome.Duplicate"/>, or the
/// exception its own changes threw (a <c>DbUpdateException</c> from a unique index is retried by the processor).
/// </summary>
public interface IStripeEventWriter
{
    Task<EventOutcome> WriteAsync(Event stripeEvent, EventChange change, CancellationToken ct);
}
