using Support.Data.Supporters;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;
using global::Stripe;
using global::Stripe.Checkout;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// For each event type we handle: read what the change needs (fresh from Stripe where the payload may be stale),
/// then return the database change to run inside the event's transaction, through the writer's services.
/// </summary>
public sealed class StripeEventChanges(IStripeGateway stripe, ILogger<StripeEventChanges> logger)
{
    private static readonly HashSet<string> HandledTypes =
    [
        EventTypes.CheckoutSessionCompleted,
        EventTypes.CustomerSubscriptionCreated,
        EventTypes.CustomerSubscriptionUpdated,
        EventTypes.CustomerSubscriptionDeleted,
        EventTypes.InvoicePaid,
        EventTypes.InvoicePaymentFailed,
        EventTypes.ChargeRefunded,
    ];

    public static bool Handles(string eventType) => HandledTypes.Contains(eventType);

    public async Task<EventChange> PrepareAsync(Event stripeEvent, CancellationToken ct)
    {
        var apply = await PrepareLedgerAsync(stripeEvent, ct);
        // Which emails an event causes is read from the event itself (type, payload, previous attributes), so it
        // does not depend on the order of delivery; the recipient is the supporter the change just touched.
        var planned = SupporterEmailPlanner.Plan(stripeEvent);
        return async (write, token) =>
        {
            var contribution = await apply(write.Ledger, token);
            if (contribution is not null && planned.Count > 0)
            {
                await write.Emails.AddAsync(planned, contribution, token);
            }
        };
    }

    private async Task<LedgerChange> PrepareLedgerAsync(Event stripeEvent, CancellationToken ct)
    {
        var occurredAt = DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc);
        switch (stripeEvent.Data.Object)
        {
            case Session session when session.SubscriptionId is { } subscriptionId:
            {
                var subscription = await FreshSubscriptionAsync(subscriptionId, ct);
                var email = StripeMapping.NormaliseEmail(session.CustomerDetails?.Email ?? session.CustomerEmail);
                var slug = session.Metadata?.GetValueOrDefault(StripeMapping.ArticleMetadataKey);
                return async (ledger, token) =>
                {
                    var contribution = await ledger.ApplySubscriptionAsync(subscription, slug, token);
                    if (contribution.Supporter.Email is null)
                    {
                        SupporterLedger.NoteEmail(contribution.Supporter, email);
                    }
                    return contribution;
                };
            }
            case Subscription payload:
            {
                var subscription = await stripe.GetSubscriptionAsync(payload.Id, ct) ?? payload.ToSnapshot();
                return async (ledger, token) => await ledger.ApplySubscriptionAsync(subscription, null, token);
            }
            case Invoice payload when payload.Parent?.SubscriptionDetails?.SubscriptionId is { } subscriptionId:
            {
                var subscription = await FreshSubscriptionAsync(subscriptionId, ct);
                var invoice = payload.ToSnapshot();
                var outcome = stripeEvent.Type == EventTypes.InvoicePaid ? InvoiceOutcome.Paid : InvoiceOutcome.Failed;
                return async (ledger, token) =>
                {
                    var contribution = await ledger.ApplySubscriptionAsync(subscription, null, token);
                    if (contribution.Supporter.Email is null)
                    {
                        SupporterLedger.NoteEmail(contribution.Supporter, invoice.CustomerEmail);
                    }
                    await ledger.ApplyInvoiceAsync(contribution, invoice, outcome, occurredAt, token);
                    return contribution;
                };
            }
            case Charge charge when charge.PaymentIntentId is { } paymentIntentId:
                return await PrepareRefundAsync(charge, paymentIntentId, ct);
            default:
                logger.LogInformation("Stripe event {EventId} ({EventType}) is not about a monthly contribution; nothing to record",
                    stripeEvent.Id, stripeEvent.Type);
                return (_, _) => Task.FromResult<Contribution?>(null);
        }
    }

    private async Task<LedgerChange> PrepareRefundAsync(Charge charge, string paymentIntentId, CancellationToken ct)
    {
        var invoiceId = await stripe.FindInvoiceIdForPaymentIntentAsync(paymentIntentId, ct);
        var invoice = invoiceId is null ? null : await stripe.GetInvoiceAsync(invoiceId, ct);
        if (invoice?.SubscriptionId is not { } subscriptionId)
        {
            logger.LogInformation("Refunded charge {ChargeId} belongs to no subscription invoice; nothing to record", charge.Id);
            return (_, _) => Task.FromResult<Contribution?>(null);
        }
        var subscription = await FreshSubscriptionAsync(subscriptionId, ct);
        var refunded = charge.AmountRefunded;
        return async (ledger, token) =>
        {
            var contribution = await ledger.ApplySubscriptionAsync(subscription, null, token);
            var payment = await ledger.ApplyInvoiceAsync(contribution, invoice with { PaymentIntentId = invoice.PaymentIntentId ?? paymentIntentId },
                InvoiceOutcome.Unknown, invoice.PaidAt ?? invoice.CreatedAt, token);
            SupporterLedger.ApplyRefund(payment, refunded);
            return contribution;
        };
    }

    private delegate Task<Contribution?> LedgerChange(SupporterLedger ledger, CancellationToken ct);

    private async Task<SubscriptionSnapshot> FreshSubscriptionAsync(string subscriptionId, CancellationToken ct) =>
        await stripe.GetSubscriptionAsync(subscriptionId, ct)
        ?? throw new InvalidOperationException($"Stripe does not know subscription {subscriptionId}; the event will be retried.");
}
