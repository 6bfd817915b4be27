using Support.Data.Supporters;
using Support.Web.Supporters;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// <c>charge.refunded</c>. Since API 2026-10-28 a charge names no invoice: it is found through the payment intent
/// (<c>InvoicePayments.List</c>), then read fresh, with its subscription.
/// </summary>
public sealed class ChargeRefundedHandler(IStripeGateway stripe, ILogger<ChargeRefundedHandler> logger) : IStripeEventHandler
{
    public async Task<EventWrite> ReadAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not Charge { PaymentIntentId: { } paymentIntentId } charge)
        {
            return EventWrite.Nothing;
        }
        var invoiceId = await stripe.FindInvoiceIdForPaymentIntentAsync(paymentIntentId, ct);
        var invoice = invoiceId is null ? null : await stripe.GetInvoiceAsync(invoiceId, ct);
        if (invoice is { IsOneTimeGift: true, CustomerId: not null })
        {
            return new OneTimeRefundWrite(invoice with { PaymentIntentId = paymentIntentId }, charge.AmountRefunded);
        }
        if (invoice?.SubscriptionId is not { } subscriptionId)
        {
            logger.LogInformation("Refunded charge {ChargeId} belongs to no subscription invoice; nothing to record", charge.Id);
            return EventWrite.Nothing;
        }
        var subscription = await stripe.FreshSubscriptionAsync(subscriptionId, ct);
        return new RefundWrite(subscription, invoice with { PaymentIntentId = invoice.PaymentIntentId ?? paymentIntentId }, charge.AmountRefunded);
    }
}

/// <summary>Stripe reports the cumulative refund, and refunds only grow: the larger figure is kept.</summary>
public sealed record RefundWrite(SubscriptionSnapshot Subscription, InvoiceSnapshot Invoice, long RefundedCents) : EventWrite
{
    public override LedgerKeys Keys => new(Subscription.CustomerId, Subscription.Id, Invoice.Id);

    public override async Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct)
    {
        var contribution = await ledger.ApplySubscriptionAsync(Subscription, null, ct);
        var payment = await ledger.ApplyInvoiceAsync(contribution, Invoice, InvoiceOutcome.Unknown, Invoice.PaidAt ?? Invoice.CreatedAt, ct);
        SupporterLedger.ApplyRefund(payment, RefundedCents);
        return contribution;
    }
}
