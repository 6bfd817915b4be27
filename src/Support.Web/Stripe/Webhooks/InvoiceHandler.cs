using Microsoft.Extensions.Options;
using Support.Data.Supporters;
using Support.Web.Supporters;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// <c>invoice.paid</c>, <c>invoice.payment_failed</c>, <c>invoice.payment_action_required</c>: the payment's outcome, on the subscription as Stripe sees it
/// now; a paid invoice without a subscription is a one-time gift's.
/// </summary>
public sealed class InvoiceHandler(IStripeGateway stripe, IOptions<StripeOptions> options, ILogger<InvoiceHandler> logger) : IStripeEventHandler
{
    public async Task<EventWrite> ReadAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is Invoice { Parent: null, Id: { } invoiceId } oneTime && stripeEvent.Type == EventTypes.InvoicePaid)
        {
            return await OneTimeGifts.ReadAsync(stripe, invoiceId, null, Email.EmailAddresses.Normalise(oneTime.CustomerEmail), ct)
                ?? EventWrite.Nothing;
        }
        if (stripeEvent.Data.Object is not Invoice { Parent.SubscriptionDetails.SubscriptionId: { } subscriptionId } payload)
        {
            logger.LogInformation("Invoice in Stripe event {EventId} belongs to no subscription; nothing to record", stripeEvent.Id);
            return EventWrite.Nothing;
        }
        var subscription = await stripe.FreshSubscriptionAsync(subscriptionId, ct);
        var outcome = stripeEvent.Type switch
        {
            EventTypes.InvoicePaid => InvoiceOutcome.Paid,
            EventTypes.InvoicePaymentFailed => InvoiceOutcome.Failed,
            // Waiting for the supporter's 3-D Secure: the failure itself comes as invoice.payment_failed.
            _ => InvoiceOutcome.Unknown,
        };
        return new InvoiceWrite(subscription, payload.ToSnapshot(options.Value.Currency), outcome, DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
    }
}

/// <summary>Paid wins over failed and the first failure is kept, so any order of delivery ends the same (ADR 0002).</summary>
public sealed record InvoiceWrite(SubscriptionSnapshot Subscription, InvoiceSnapshot Invoice, InvoiceOutcome Outcome, DateTime OccurredAt) : EventWrite
{
    public override LedgerKeys Keys => new(Subscription.CustomerId, Subscription.Id, Invoice.Id);

    public override async Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct)
    {
        var contribution = await ledger.ApplySubscriptionAsync(Subscription, null, ct);
        if (contribution.Supporter.Email is null)
        {
            SupporterLedger.NoteEmail(contribution.Supporter, Invoice.CustomerEmail);
        }
        await ledger.ApplyInvoiceAsync(contribution, Invoice, Outcome, OccurredAt, ct);
        return contribution;
    }
}
