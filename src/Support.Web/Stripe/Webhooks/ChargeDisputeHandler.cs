using Support.Data.Supporters;
using Support.Web.Supporters;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// <c>charge.dispute.created</c>, <c>updated</c>, <c>closed</c>: the dispute read fresh, and its payment found like a
/// refund's (payment intent → invoice → subscription).
/// </summary>
public sealed class ChargeDisputeHandler(IStripeGateway stripe, ILogger<ChargeDisputeHandler> logger) : IStripeEventHandler
{
    public async Task<EventWrite> ReadAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not Dispute { Id: { } disputeId })
        {
            return EventWrite.Nothing;
        }
        var dispute = await stripe.GetDisputeAsync(disputeId, ct)
            ?? throw new InvalidOperationException($"Stripe does not know dispute {disputeId}; the event will be retried.");
        var invoiceId = dispute.PaymentIntentId is { } paymentIntentId ? await stripe.FindInvoiceIdForPaymentIntentAsync(paymentIntentId, ct) : null;
        var invoice = invoiceId is null ? null : await stripe.GetInvoiceAsync(invoiceId, ct);
        if (invoice?.SubscriptionId is not { } subscriptionId)
        {
            logger.LogInformation("Dispute {DisputeId} is about no subscription invoice; nothing to record", dispute.Id);
            return EventWrite.Nothing;
        }
        var subscription = await stripe.FreshSubscriptionAsync(subscriptionId, ct);
        return new DisputeWrite(subscription, invoice with { PaymentIntentId = invoice.PaymentIntentId ?? dispute.PaymentIntentId }, dispute);
    }
}

/// <summary>Closed (won or lost) is final: a stale read of an open dispute never reopens it (any order ends the same).</summary>
public sealed record DisputeWrite(SubscriptionSnapshot Subscription, InvoiceSnapshot Invoice, DisputeSnapshot Dispute) : EventWrite
{
    public override LedgerKeys Keys => new(Subscription.CustomerId, Subscription.Id, Invoice.Id);

    public override async Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct)
    {
        var contribution = await ledger.ApplySubscriptionAsync(Subscription, null, ct);
        var payment = await ledger.ApplyInvoiceAsync(contribution, Invoice, InvoiceOutcome.Unknown, Invoice.PaidAt ?? Invoice.CreatedAt, ct);
        await ledger.ApplyDisputeAsync(payment, Dispute, ct);
        return contribution;
    }
}
