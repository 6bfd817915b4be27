using System.Text.Json.Nodes;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator;

/// <summary>
/// Drives what Stripe would do on its own over time (renewals, failed payments, refunds from the dashboard)
/// for tests and demos; also reachable over HTTP under <c>{prefix}/control/...</c>.
/// Methods throw <see cref="StripeEmulatorException"/> for unknown ids or invalid requests.
/// </summary>
public sealed class StripeEmulator
{
    private readonly BillingEngine _billing;
    private readonly EventLog _events;
    private readonly DeliveryQueue _deliveries;

    internal StripeEmulator(BillingEngine billing, EventLog events, DeliveryQueue deliveries)
    {
        _billing = billing;
        _events = events;
        _deliveries = deliveries;
    }

    /// <summary>Every event created so far, in order, with the exact payload delivered.</summary>
    public IReadOnlyList<EmulatorEvent> Events => _events.Snapshot();

    /// <summary>
    /// Renews the subscription: its period moves forward one interval (its own clock, not the wall clock) and
    /// a new invoice is paid, or fails for card 4000000000000341 (subscription past_due). Returns the invoice
    /// id, or an empty string if the subscription was set to cancel at period end and has now ended.
    /// </summary>
    public Task<string> AdvanceMonthAsync(string subscriptionId, CancellationToken ct = default) =>
        Task.FromResult(_billing.Renew(subscriptionId));

    /// <summary>Cancels immediately (status canceled, customer.subscription.deleted).</summary>
    public Task CancelSubscriptionAsync(string subscriptionId, CancellationToken ct = default)
    {
        _billing.Cancel(subscriptionId);
        return Task.CompletedTask;
    }

    /// <summary>Refunds part or all of the invoice's charge (charge.refunded). Returns the refund id.</summary>
    public Task<string> RefundInvoiceAsync(string invoiceId, long amountCents, CancellationToken ct = default) =>
        Task.FromResult(_billing.Refund(invoiceId, amountCents));

    /// <summary>Retries an unpaid invoice successfully (invoice.paid; a past_due subscription becomes active).</summary>
    public Task PayInvoiceAsync(string invoiceId, CancellationToken ct = default)
    {
        _billing.Pay(invoiceId);
        return Task.CompletedTask;
    }

    /// <summary>Completes once every queued webhook is delivered or given up; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task WaitForDeliveriesAsync(TimeSpan timeout) => _deliveries.WaitUntilEmptyAsync(timeout);

    internal JsonObject Pay(string invoiceId) => _billing.Pay(invoiceId);

    internal JsonObject Cancel(string subscriptionId) => _billing.Cancel(subscriptionId);
}
