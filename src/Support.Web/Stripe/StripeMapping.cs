using global::Stripe;
using global::Stripe.Checkout;

namespace Support.Web.Stripe;

/// <summary>Turns Stripe.net objects (from API answers or event payloads) into our snapshots.</summary>
public static class StripeMapping
{
    /// <summary>Metadata key naming the article whose prompt led to a checkout.</summary>
    public const string ArticleMetadataKey = "article";

    /// <summary>Metadata key naming the experiment variant whose prompt led to a checkout (docs/experiments.md).</summary>
    public const string VariantMetadataKey = "experiment_variant";

    public static CheckoutSessionSnapshot ToSnapshot(this Session session) => new(
        session.Id,
        IsComplete: session.Status == "complete",
        IsPaid: session.PaymentStatus == "paid",
        session.AmountTotal,
        session.Currency,
        NormaliseEmail(session.CustomerDetails?.Email ?? session.CustomerEmail),
        session.CustomerId,
        session.SubscriptionId,
        session.Metadata?.GetValueOrDefault(ArticleMetadataKey));

    public static SubscriptionSnapshot ToSnapshot(this Subscription subscription)
    {
        var item = subscription.Items?.Data?.FirstOrDefault();
        var amount = (item?.Price?.UnitAmount ?? 0) * (item?.Quantity ?? 1);
        return new SubscriptionSnapshot(
            subscription.Id,
            subscription.CustomerId,
            NormaliseEmail(subscription.Customer?.Email),
            subscription.Status,
            amount,
            item?.Price?.Currency ?? subscription.Currency ?? "usd",
            AsUtc(subscription.StartDate == default ? subscription.Created : subscription.StartDate),
            EndedAt(subscription),
            subscription.CancelAtPeriodEnd,
            item?.CurrentPeriodEnd is { } end && end != default ? AsUtc(end) : null,
            subscription.Metadata?.GetValueOrDefault(ArticleMetadataKey),
            subscription.Metadata?.GetValueOrDefault(VariantMetadataKey));
    }

    // canceled_at is also set when a cancellation at period end is requested; the gift ends at ended_at.
    private static DateTime? EndedAt(Subscription subscription) =>
        subscription.EndedAt is { } ended && ended != default ? AsUtc(ended)
        : subscription.Status == "canceled" && subscription.CanceledAt is { } canceled ? AsUtc(canceled)
        : null;

    public static InvoiceSnapshot ToSnapshot(this Invoice invoice) => new(
        invoice.Id,
        invoice.CustomerId,
        NormaliseEmail(invoice.CustomerEmail),
        invoice.Parent?.SubscriptionDetails?.SubscriptionId,
        invoice.Status ?? "open",
        invoice.AmountPaid,
        invoice.AmountDue,
        invoice.Currency ?? "usd",
        AsUtc(invoice.Created),
        invoice.StatusTransitions?.PaidAt is { } paid && paid != default ? AsUtc(paid) : null,
        invoice.Payments?.Data?.Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is not null));

    public static string? NormaliseEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
