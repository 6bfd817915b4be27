using Support.Data.Supporters;
using global::Stripe;
using global::Stripe.Checkout;
using Support.Web.Email;

namespace Support.Web.Stripe;

/// <summary>Turns Stripe.net objects (from API answers or event payloads) into our snapshots.</summary>
public static class StripeMapping
{
    /// <summary>Metadata key naming the article whose prompt led to a checkout.</summary>
    public const string ArticleMetadataKey = "article";

    /// <summary>Metadata key naming the experiment variant whose prompt led to a checkout (docs/experiments.md).</summary>
    public const string VariantMetadataKey = "experiment_variant";
    /// <summary>Metadata key with the gift's frequency (<c>once</c>, <c>month</c>, <c>year</c>) on sessions, payment intents and invoices.</summary>
    public const string FrequencyMetadataKey = "frequency";

    public static CheckoutSessionSnapshot ToSnapshot(this Session session) => new(
        session.Id,
        IsComplete: session.Status == "complete",
        IsPaid: session.PaymentStatus == "paid",
        session.AmountTotal,
        session.Currency,
        EmailAddresses.Normalise(session.CustomerDetails?.Email ?? session.CustomerEmail),
        session.CustomerId,
        session.SubscriptionId,
        session.Metadata?.GetValueOrDefault(ArticleMetadataKey),
        session.Mode == "payment" ? GiftFrequency.Once
            : session.Metadata?.GetValueOrDefault(FrequencyMetadataKey) == "year" ? GiftFrequency.Year : GiftFrequency.Month,
        session.InvoiceId,
        session.PaymentIntentId);

    // Stripe always names the currency; should an object lack it, siteCurrency (Stripe:Currency), never a fixed one.
    public static SubscriptionSnapshot ToSnapshot(this Subscription subscription, string siteCurrency)
    {
        var item = subscription.Items?.Data?.FirstOrDefault();
        var amount = (item?.Price?.UnitAmount ?? 0) * (item?.Quantity ?? 1);
        return new SubscriptionSnapshot(
            subscription.Id,
            subscription.CustomerId,
            EmailAddresses.Normalise(subscription.Customer?.Email),
            subscription.Status,
            amount,
            item?.Price?.Currency ?? subscription.Currency ?? siteCurrency,
            AsUtc(subscription.StartDate == default ? subscription.Created : subscription.StartDate),
            EndedAt(subscription),
            subscription.CancelAtPeriodEnd,
            item?.CurrentPeriodEnd is { } end && end != default ? AsUtc(end) : null,
            subscription.Metadata?.GetValueOrDefault(ArticleMetadataKey),
            Paused: subscription.PauseCollection is not null,
            PauseResumesAt: subscription.PauseCollection?.ResumesAt is { } resumes && resumes != default ? AsUtc(resumes) : null,
            EndReason: subscription.CancellationDetails?.Reason,
            ExperimentVariantId: subscription.Metadata?.GetValueOrDefault(VariantMetadataKey),
            Frequency: FrequencyOf(item?.Price?.Recurring?.Interval, subscription.Id));
    }

    // canceled_at is also set when a cancellation at period end is requested; the gift ends at ended_at.
    private static DateTime? EndedAt(Subscription subscription) =>
        subscription.EndedAt is { } ended && ended != default ? AsUtc(ended)
        : StripeStatuses.Subscription(subscription.Status) == ContributionStatus.Canceled && subscription.CanceledAt is { } canceled ? AsUtc(canceled)
        : null;

    public static InvoiceSnapshot ToSnapshot(this Invoice invoice, string siteCurrency) => new(
        invoice.Id,
        invoice.CustomerId,
        EmailAddresses.Normalise(invoice.CustomerEmail),
        invoice.Parent?.SubscriptionDetails?.SubscriptionId,
        invoice.Status,
        invoice.AmountPaid,
        invoice.AmountDue,
        invoice.Currency ?? siteCurrency,
        AsUtc(invoice.Created),
        invoice.StatusTransitions?.PaidAt is { } paid && paid != default ? AsUtc(paid) : null,
        invoice.Payments?.Data?.Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is not null),
        invoice.Number,
        invoice.Metadata?.GetValueOrDefault(ArticleMetadataKey),
        // Only Support's own one-time checkouts: an invoice a publisher made by hand in the Dashboard is not a gift.
        invoice.Parent?.SubscriptionDetails is null && invoice.Metadata?.GetValueOrDefault(FrequencyMetadataKey) == "once",
        VariantOf(invoice.Metadata?.GetValueOrDefault(VariantMetadataKey)));

    /// <summary>The experiment variant id of checkout metadata; anything but a positive whole number is no variant.</summary>
    public static long? VariantOf(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>
    /// A subscription's frequency from its price's interval. Support only creates monthly and yearly prices; another
    /// interval (set in the Dashboard) is refused loudly rather than counted as monthly.
    /// </summary>
    public static GiftFrequency FrequencyOf(string? interval, string subscriptionId) => interval switch
    {
        "month" or null => GiftFrequency.Month,
        "year" => GiftFrequency.Year,
        _ => throw new InvalidOperationException($"Subscription {subscriptionId} is billed every {interval}; Support knows monthly and yearly gifts only."),
    };

    /// <summary>The fee is what the dispute's balance transactions charged (Stripe keeps it whatever the outcome).</summary>
    public static DisputeSnapshot ToSnapshot(this Dispute dispute) => new(
        dispute.Id,
        dispute.ChargeId,
        dispute.PaymentIntentId,
        dispute.Amount,
        dispute.Currency,
        dispute.Status,
        AsUtc(dispute.Created),
        dispute.BalanceTransactions?.Sum(t => t.Fee) ?? 0);

    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
