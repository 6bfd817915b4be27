using Support.Data.Supporters;
using Support.Web.Supporters;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// <c>payment_intent.succeeded</c> of a one-time gift (its metadata says <c>frequency=once</c>; every other payment
/// intent is a subscription's, recorded through its invoice, and costs no Stripe call here).
/// </summary>
public sealed class PaymentIntentSucceededHandler(IStripeGateway stripe, ILogger<PaymentIntentSucceededHandler> logger) : IStripeEventHandler
{
    public async Task<EventWrite> ReadAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not PaymentIntent intent
            || intent.Metadata?.GetValueOrDefault(StripeMapping.FrequencyMetadataKey) != "once")
        {
            return EventWrite.Nothing;
        }
        // Stripe may announce the payment before the invoice it pays exists; the session's and invoice's events bring it then.
        if (await stripe.FindInvoiceIdForPaymentIntentAsync(intent.Id, ct) is not { } invoiceId)
        {
            logger.LogInformation("One-time payment {PaymentIntentId} has no invoice yet; its invoice.paid will record it", intent.Id);
            return EventWrite.Nothing;
        }
        return await OneTimeGifts.ReadAsync(stripe, invoiceId, intent.Id, null, ct) ?? EventWrite.Nothing;
    }
}

/// <summary>Reads a one-time gift fresh from Stripe from whichever of its events came first (ADR 0013).</summary>
public static class OneTimeGifts
{
    /// <summary>Null when the invoice is not a one-time gift of Support's.</summary>
    public static async Task<OneTimeGiftWrite?> ReadAsync(IStripeGateway stripe, string invoiceId, string? paymentIntentId, string? fallbackEmail, CancellationToken ct)
    {
        var invoice = await stripe.GetInvoiceAsync(invoiceId, ct)
            ?? throw new InvalidOperationException($"Stripe does not know invoice {invoiceId}; the event will be retried.");
        if (!invoice.IsOneTimeGift || invoice.CustomerId is null)
        {
            return null;
        }
        var intent = paymentIntentId ?? invoice.PaymentIntentId ?? await stripe.FindPaymentIntentIdForInvoiceAsync(invoiceId, ct)
            ?? throw new InvalidOperationException($"Invoice {invoiceId} names no payment yet; the event will be retried.");
        return new OneTimeGiftWrite(invoice with { PaymentIntentId = intent }, fallbackEmail);
    }
}

/// <summary>A one-time gift: its supporter, its contribution (keyed by payment intent) and its one paid payment.</summary>
public record OneTimeGiftWrite(InvoiceSnapshot Invoice, string? FallbackEmail) : EventWrite
{
    public override LedgerKeys Keys => new(Invoice.CustomerId, null, Invoice.Id, Invoice.PaymentIntentId);

    public override async Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct) =>
        (await ApplyGiftAsync(ledger, ct)).Contribution;

    protected async Task<(Contribution Contribution, Payment Payment)> ApplyGiftAsync(SupporterLedger ledger, CancellationToken ct)
    {
        var contribution = await ledger.ApplyOneTimeGiftAsync(Invoice, ct);
        if (contribution.Supporter.Email is null)
        {
            SupporterLedger.NoteEmail(contribution.Supporter, FallbackEmail);
        }
        var outcome = Invoice.State == InvoiceStatus.Paid ? InvoiceOutcome.Paid : InvoiceOutcome.Unknown;
        return (contribution, await ledger.ApplyInvoiceAsync(contribution, Invoice, outcome, Invoice.PaidAt ?? Invoice.CreatedAt, ct));
    }
}

/// <summary>A refund of a one-time gift: the gift as above, and the larger cumulative refund (ADR 0002).</summary>
public sealed record OneTimeRefundWrite(InvoiceSnapshot Invoice, long RefundedCents) : OneTimeGiftWrite(Invoice, null)
{
    public override async Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct)
    {
        var (contribution, payment) = await ApplyGiftAsync(ledger, ct);
        SupporterLedger.ApplyRefund(payment, RefundedCents);
        return contribution;
    }
}
