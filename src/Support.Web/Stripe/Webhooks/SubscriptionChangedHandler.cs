using global::Stripe;
using Microsoft.Extensions.Options;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// <c>customer.subscription.created</c>, <c>.updated</c>, <c>.deleted</c>: the subscription re-read from Stripe, so
/// an update that arrives after the deletion still leaves the latest state (the payload only if Stripe lost it); and
/// <c>invoice.upcoming</c>, whose renewal notice needs the subscription's gift.
/// </summary>
public sealed class SubscriptionChangedHandler(IStripeGateway stripe, IOptions<StripeOptions> options) : IStripeEventHandler
{
    public async Task<EventWrite> ReadAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is Invoice { Parent.SubscriptionDetails.SubscriptionId: { } renewing })
        {
            // invoice.upcoming: the subscription as it is now, so the renewal notice goes to the gift's supporter.
            return new SubscriptionWrite(await stripe.FreshSubscriptionAsync(renewing, ct), ArticleSlug: null, FallbackEmail: null);
        }
        if (stripeEvent.Data.Object is not Subscription payload)
        {
            return EventWrite.Nothing;
        }
        var subscription = await stripe.GetSubscriptionAsync(payload.Id, ct) ?? payload.ToSnapshot(options.Value.Currency);
        return new SubscriptionWrite(subscription, ArticleSlug: null, FallbackEmail: null);
    }
}
