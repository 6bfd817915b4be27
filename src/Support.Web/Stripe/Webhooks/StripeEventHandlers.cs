using Support.Data.Supporters;
using Support.Web.Supporters;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// One handler per kind of Stripe event. It reads what the event needs, fresh from Stripe where the payload may be
/// stale or out of order (ADR 0002), and returns what to write. It touches no database: the write runs later, inside
/// the event's transaction (<see cref="StripeEventWriter"/>), so no lock is held across a call to Stripe.
/// </summary>
public interface IStripeEventHandler
{
    Task<EventWrite> ReadAsync(Event stripeEvent, CancellationToken ct);
}

/// <summary>
/// What one event writes to the ledger, decided from what the handler read. Applied once, in the transaction that
/// records the event id; applying it must only read and write through the ledger, so a retried transaction can run it again.
/// </summary>
public abstract record EventWrite
{
    /// <summary>For an event of a handled type that is not about a gift of ours: only its id is recorded.</summary>
    public static readonly EventWrite Nothing = new NoWrite();

    /// <summary>The rows the write touches, loaded for the whole batch before the writes run.</summary>
    public virtual LedgerKeys Keys => new(null, null, null);

    /// <summary>Returns the contribution the event is about (its supporter gets the event's emails), or null.</summary>
    public abstract Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct);

    private sealed record NoWrite : EventWrite
    {
        public override Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct) => Task.FromResult<Contribution?>(null);
    }
}

/// <summary>The dispatch table: which handler takes which event type. Every other type is answered 200 "ignored".</summary>
public static class StripeEventHandlers
{
    public static Type? HandlerFor(string eventType) => eventType switch
    {
        EventTypes.CheckoutSessionCompleted => typeof(CheckoutCompletedHandler),
        EventTypes.CustomerSubscriptionCreated or EventTypes.CustomerSubscriptionUpdated or EventTypes.CustomerSubscriptionDeleted
            or EventTypes.InvoiceUpcoming => typeof(SubscriptionChangedHandler),
        EventTypes.InvoicePaid or EventTypes.InvoicePaymentFailed or EventTypes.InvoicePaymentActionRequired => typeof(InvoiceHandler),
        EventTypes.ChargeRefunded => typeof(ChargeRefundedHandler),
        EventTypes.ChargeDisputeCreated or EventTypes.ChargeDisputeUpdated or EventTypes.ChargeDisputeClosed => typeof(ChargeDisputeHandler),
        EventTypes.PaymentIntentSucceeded => typeof(PaymentIntentSucceededHandler),
        _ => null,
    };

    public static bool Handles(string eventType) => HandlerFor(eventType) is not null;

    public static IServiceCollection AddStripeEventHandlers(this IServiceCollection services) => services
        .AddScoped<CheckoutCompletedHandler>()
        .AddScoped<SubscriptionChangedHandler>()
        .AddScoped<InvoiceHandler>()
        .AddScoped<ChargeRefundedHandler>()
        .AddScoped<ChargeDisputeHandler>()
        .AddScoped<PaymentIntentSucceededHandler>();

    /// <summary>The subscription as Stripe sees it now; an event about one Stripe does not know is retried.</summary>
    public static async Task<SubscriptionSnapshot> FreshSubscriptionAsync(this IStripeGateway stripe, string subscriptionId, CancellationToken ct) =>
        await stripe.GetSubscriptionAsync(subscriptionId, ct)
        ?? throw new InvalidOperationException($"Stripe does not know subscription {subscriptionId}; the event will be retried.");
}
