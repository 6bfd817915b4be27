using Support.Data.Supporters;
using Support.Web.Supporters;
using global::Stripe;
using global::Stripe.Checkout;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// <c>checkout.session.completed</c>: the reader's new subscription, with the article and email of the checkout; in
/// payment mode, the one-time gift its invoice records.
/// </summary>
public sealed class CheckoutCompletedHandler(IStripeGateway stripe, ILogger<CheckoutCompletedHandler> logger) : IStripeEventHandler
{
    public async Task<EventWrite> ReadAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is Session { Mode: "payment" } payment)
        {
            return payment.InvoiceId is { } invoiceId
                ? await OneTimeGifts.ReadAsync(stripe, invoiceId, payment.PaymentIntentId,
                    Email.EmailAddresses.Normalise(payment.CustomerDetails?.Email ?? payment.CustomerEmail), ct) ?? EventWrite.Nothing
                : EventWrite.Nothing;
        }
        if (stripeEvent.Data.Object is not Session { SubscriptionId: { } subscriptionId } session)
        {
            logger.LogInformation("Checkout in Stripe event {EventId} made no subscription; nothing to record", stripeEvent.Id);
            return EventWrite.Nothing;
        }
        var subscription = await stripe.FreshSubscriptionAsync(subscriptionId, ct);
        return new SubscriptionWrite(subscription,
            session.Metadata?.GetValueOrDefault(StripeMapping.ArticleMetadataKey),
            Email.EmailAddresses.Normalise(session.CustomerDetails?.Email ?? session.CustomerEmail),
            session.Metadata?.GetValueOrDefault(StripeMapping.VariantMetadataKey));
    }
}

/// <summary>Mirrors the subscription; the article and email are kept only where the ledger has none yet.</summary>
public sealed record SubscriptionWrite(
    SubscriptionSnapshot Subscription, string? ArticleSlug, string? FallbackEmail, string? ExperimentVariantId = null) : EventWrite
{
    public override LedgerKeys Keys => new(Subscription.CustomerId, Subscription.Id, null);

    public override async Task<Contribution?> ApplyAsync(SupporterLedger ledger, CancellationToken ct)
    {
        var contribution = await ledger.ApplySubscriptionAsync(Subscription, ArticleSlug, ct);
        // The gift is credited to the variant shown, whichever event arrives first (the subscription's own metadata too).
        contribution.ExperimentVariantId ??= StripeMapping.VariantOf(Subscription.ExperimentVariantId ?? ExperimentVariantId);
        if (contribution.Supporter.Email is null)
        {
            SupporterLedger.NoteEmail(contribution.Supporter, FallbackEmail);
        }
        return contribution;
    }
}
