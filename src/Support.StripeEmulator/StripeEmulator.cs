using System.Text.Json.Nodes;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.Payments;
using Support.StripeEmulator.State;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator;

/// <summary>
/// Drives what Stripe would do on its own over time (renewals, retries of failed payments, renewal notices,
/// disputes, refunds from the dashboard) and how its webhook deliveries behave, for tests and demos; also
/// reachable over HTTP under <c>{prefix}/control/...</c> (docs/stripe-emulator.md, "Control endpoints").
/// Methods throw <see cref="StripeEmulatorException"/> for unknown ids or invalid requests.
/// </summary>
public sealed class StripeEmulator
{
    private readonly BillingEngine _billing;
    private readonly PaymentEngine _payments;
    private readonly EmulatorStore _store;
    private readonly EventLog _events;
    private readonly DeliveryScheduler _deliveries;

    internal StripeEmulator(BillingEngine billing, PaymentEngine payments, EmulatorStore store, EventLog events, DeliveryScheduler deliveries)
    {
        _billing = billing;
        _payments = payments;
        _store = store;
        _events = events;
        _deliveries = deliveries;
    }

    /// <summary>Every event created so far, in order, with the exact payload delivered.</summary>
    public IReadOnlyList<EmulatorEvent> Events => _events.Snapshot();

    /// <summary>The delivery log: each event's attempts (when, what the endpoint answered) and status, in event order.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => _deliveries.Snapshot();

    /// <summary>
    /// Lets the subscription's own time run to the end of its period, whatever its interval (a month, a year), and
    /// renews it: retries of a failed invoice due before then run first, a pause whose resumes_at has come ends,
    /// invoice.upcoming is sent (<see cref="StripeEmulatorOptions.UpcomingInvoiceDays"/>), then the renewal invoice
    /// is paid, fails (card 0341: past_due and retries scheduled), needs 3-D Secure (card 3184), or is voided while
    /// the subscription is paused. Returns the new invoice id, or an empty string when the subscription ended instead
    /// (cancel at period end, or its retries ran out).
    /// </summary>
    public Task<string> AdvanceAsync(string subscriptionId, CancellationToken ct = default) =>
        Task.FromResult(_billing.Renew(subscriptionId));

    /// <summary>The first name of <see cref="AdvanceAsync"/>, kept for existing callers: it moves by the subscription's own interval.</summary>
    public Task<string> AdvanceMonthAsync(string subscriptionId, CancellationToken ct = default) => AdvanceAsync(subscriptionId, ct);

    /// <summary>Sends invoice.upcoming for the subscription's next renewal now, whatever the setting of days.</summary>
    public Task SendUpcomingInvoiceAsync(string subscriptionId, CancellationToken ct = default)
    {
        _billing.SendUpcoming(subscriptionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs the invoice's next automatic retry now (its next_payment_attempt has come): paid if the customer's card
    /// now works, else invoice.payment_failed with the next retry, or, after the last, the subscription is canceled
    /// with <c>cancellation_details.reason = payment_failed</c>. Returns the invoice's status after it.
    /// </summary>
    public Task<string> RetryInvoicePaymentAsync(string invoiceId, CancellationToken ct = default) =>
        Task.FromResult(_billing.Retry(invoiceId)["status"]!.GetValue<string>());

    /// <summary>Pays an open invoice now with a working card, which becomes the subscription's (invoice.paid; a past_due subscription becomes active).</summary>
    public Task PayInvoiceAsync(string invoiceId, CancellationToken ct = default)
    {
        _billing.Pay(invoiceId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The customer saves a new card, as in the billing portal: it becomes their default and their subscriptions',
    /// so later retries and renewals charge it. Returns the payment method id.
    /// </summary>
    public Task<string> UpdateCardAsync(string customerId, string cardNumber, CancellationToken ct = default) =>
        Task.FromResult(_billing.UpdateCard(customerId, TestCards.Normalize(cardNumber), null).Id);

    /// <summary>Cancels immediately (status canceled, reason cancellation_requested, customer.subscription.deleted).</summary>
    public Task CancelSubscriptionAsync(string subscriptionId, CancellationToken ct = default)
    {
        _billing.Cancel(subscriptionId);
        return Task.CompletedTask;
    }

    /// <summary>Refunds part or all of the invoice's charge (refund.created, charge.refunded). Returns the refund id.</summary>
    public Task<string> RefundInvoiceAsync(string invoiceId, long amountCents, CancellationToken ct = default) =>
        Task.FromResult(_billing.Refund(invoiceId, amountCents));

    /// <summary>Refunds part (or, without an amount, the rest) of a payment such as a one-time gift's. Returns the refund id.</summary>
    public Task<string> RefundPaymentAsync(string paymentIntentId, long? amountCents = null, CancellationToken ct = default)
    {
        lock (_store.Gate)
        {
            return Task.FromResult(_payments.Refund(_payments.SucceededCharge(paymentIntentId, "payment_intent"), amountCents).Id);
        }
    }

    /// <summary>
    /// The bank decides a dispute: evidence is submitted (charge.dispute.updated, under_review), then it closes won
    /// (the amount returns, charge.dispute.funds_reinstated; the fee does not) or lost (charge.dispute.closed).
    /// </summary>
    public Task CloseDisputeAsync(string disputeId, bool won, CancellationToken ct = default)
    {
        CloseDispute(disputeId, won);
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

    internal JsonObject Retry(string invoiceId) => _billing.Retry(invoiceId);

    internal JsonObject Cancel(string subscriptionId) => _billing.Cancel(subscriptionId);

    internal JsonObject SendUpcoming(string subscriptionId) => _billing.SendUpcoming(subscriptionId);

    internal JsonObject UpdateCard(string customerId, string cardNumber)
    {
        var method = _billing.UpdateCard(customerId, TestCards.Normalize(cardNumber), null);
        lock (_store.Gate)
        {
            return StripeJson.PaymentMethod(method);
        }
    }

    internal JsonObject CloseDispute(string disputeId, bool won)
    {
        lock (_store.Gate)
        {
            return _payments.CloseDispute(disputeId, won);
        }
    }

    internal JsonObject RefundPayment(string paymentIntentId, long? amount)
    {
        lock (_store.Gate)
        {
            return StripeJson.Refund(_payments.Refund(_payments.SucceededCharge(paymentIntentId, "payment_intent"), amount));
        }
    }
}
