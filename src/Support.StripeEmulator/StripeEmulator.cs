using System.Text.Json.Nodes;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator;

/// <summary>
/// Drives what Stripe would do on its own over time (renewals, failed payments, refunds from the dashboard) and
/// how its webhook deliveries behave, for tests and demos; also reachable over HTTP under <c>{prefix}/control/...</c>.
/// Methods throw <see cref="StripeEmulatorException"/> for unknown ids or invalid requests.
/// </summary>
public sealed class StripeEmulator
{
    private readonly BillingEngine _billing;
    private readonly EventLog _events;
    private readonly DeliveryScheduler _deliveries;

    internal StripeEmulator(BillingEngine billing, EventLog events, DeliveryScheduler deliveries)
    {
        _billing = billing;
        _events = events;
        _deliveries = deliveries;
    }

    /// <summary>Every event created so far, in order, with the exact payload delivered.</summary>
    public IReadOnlyList<EmulatorEvent> Events => _events.Snapshot();

    /// <summary>The delivery log: each event's attempts (when, what the endpoint answered) and status, in event order.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => _deliveries.Snapshot();

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

    /// <summary>
    /// Completes once no delivery is pending (each delivered, failed or dropped); throws <see cref="TimeoutException"/>
    /// after <paramref name="timeout"/>, also while paused deliveries wait.
    /// </summary>
    public Task WaitForDeliveriesAsync(TimeSpan timeout, CancellationToken ct = default) => _deliveries.WaitUntilSettledAsync(timeout, ct);

    /// <summary>Holds every delivery (new ones and retries) until <see cref="ResumeDeliveries"/>; events are still created.</summary>
    public void PauseDeliveries() => _deliveries.Pause();

    public void ResumeDeliveries() => _deliveries.Resume();

    /// <summary>From now on, never sends this share (0 to 1) of new events, as if the endpoint had missed them for good; 0 stops.</summary>
    public void DropDeliveries(double share) => _deliveries.Drop(share);

    /// <summary>Gives up every pending delivery now, as Stripe does when its retries run out. Returns how many.</summary>
    public int AbandonPendingDeliveries() => _deliveries.Abandon();

    internal bool DeliveriesPaused => _deliveries.Paused;

    internal double DropShare => _deliveries.DropShare;

    internal JsonObject Pay(string invoiceId) => _billing.Pay(invoiceId);

    internal JsonObject Cancel(string subscriptionId) => _billing.Cancel(subscriptionId);
}
