using Newtonsoft.Json.Linq;
using Support.Data.Supporters.Emails;
using Support.Data.Supporters;
using Support.Web.Stripe;
using global::Stripe;

namespace Support.Web.Supporters.Emails;

/// <summary>An email an event calls for, keyed by its trigger so that two deliveries or two events never send it twice.</summary>
/// <summary><paramref name="OnlyFor"/>: sent only when the gift has that frequency.</summary>
public sealed record PlannedEmail(EmailKind Kind, string Key, long AmountCents, string Currency, DateTime? EffectiveAt, string? Link = null,
    string? Reference = null, GiftFrequency? OnlyFor = null);

/// <summary>
/// Decides from a Stripe event alone (its type, payload and previous attributes) which supporter emails it
/// causes. Nothing here reads our ledger, so the decision is the same in whatever order events arrive.
/// </summary>
public static class SupporterEmailPlanner
{
    // siteCurrency (Stripe:Currency) only should Stripe omit an invoice's currency; never a fixed one.
    public static IReadOnlyList<PlannedEmail> Plan(Event stripeEvent, string siteCurrency) => stripeEvent.Data.Object switch
    {
        // Every paid invoice gets a receipt; the first of a gift (a subscription's first, a one-time gift's only) a thank-you too.
        Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaid && IsFirst(invoice) =>
            [new(EmailKind.ThankYou, invoice.Id, invoice.AmountPaid, invoice.Currency ?? siteCurrency, null), Receipt(stripeEvent, invoice, siteCurrency)],
        Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaid => [Receipt(stripeEvent, invoice, siteCurrency)],
        // Auto-renewal notice for annual gifts, keyed by subscription and renewal: one per renewal however often Stripe tells.
        Invoice { Parent.SubscriptionDetails.SubscriptionId: { } subscriptionId, NextPaymentAttempt: { } renewsAt } invoice
            when stripeEvent.Type == EventTypes.InvoiceUpcoming =>
            [new(EmailKind.RenewalNotice, $"{subscriptionId}:{new DateTimeOffset(DateTime.SpecifyKind(renewsAt, DateTimeKind.Utc)).ToUnixTimeSeconds()}",
                invoice.AmountDue, invoice.Currency ?? siteCurrency, DateTime.SpecifyKind(renewsAt, DateTimeKind.Utc), OnlyFor: GiftFrequency.Year)],
        // Keyed by invoice: one email per unpaid invoice, however many times Stripe retries the card. It says when
        // Stripe tries next; the first failure's row decides (later retries find the key taken).
        Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaymentFailed =>
            [new(EmailKind.PaymentFailed, invoice.Id, invoice.AmountDue, invoice.Currency ?? siteCurrency, Utc(invoice.NextPaymentAttempt))],
        // 3-D Secure on a renewal: only the supporter can confirm it, on the invoice's hosted page.
        Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaymentActionRequired && invoice.HostedInvoiceUrl is { Length: > 0 } =>
            [new(EmailKind.PaymentActionRequired, invoice.Id, invoice.AmountDue, invoice.Currency ?? siteCurrency, null, invoice.HostedInvoiceUrl)],
        Subscription subscription when stripeEvent.Type == EventTypes.CustomerSubscriptionUpdated =>
            FromUpdate(stripeEvent, subscription, siteCurrency),
        // Stripe gave up collecting: not a cancellation the supporter asked for, so not a cancellation email.
        Subscription subscription when stripeEvent.Type == EventTypes.CustomerSubscriptionDeleted
            && subscription.CancellationDetails?.Reason == "payment_failed" =>
            [new(EmailKind.CouldNotCollect, subscription.Id, subscription.ToSnapshot(siteCurrency).AmountCents, subscription.ToSnapshot(siteCurrency).Currency, subscription.ToSnapshot(siteCurrency).EndedAt)],
        Subscription subscription when stripeEvent.Type == EventTypes.CustomerSubscriptionDeleted =>
            [Cancellation(subscription, subscription.ToSnapshot(siteCurrency).EndedAt, siteCurrency)],
        _ => [],
    };

    private static bool IsFirst(Invoice invoice) =>
        invoice.BillingReason == "subscription_create" || invoice.Parent is null && invoice.Metadata?.GetValueOrDefault(StripeMapping.FrequencyMetadataKey) == "once";

    /// <summary>Keyed by invoice: one receipt per payment, whichever of its events and deliveries comes first.</summary>
    private static PlannedEmail Receipt(Event stripeEvent, Invoice invoice, string siteCurrency) =>
        new(EmailKind.Receipt, invoice.Id, invoice.AmountPaid, invoice.Currency ?? siteCurrency,
            invoice.StatusTransitions?.PaidAt is { } paid && paid != default ? DateTime.SpecifyKind(paid, DateTimeKind.Utc) : DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc),
            Reference: invoice.Number ?? invoice.Id);

    private static List<PlannedEmail> FromUpdate(Event stripeEvent, Subscription subscription, string siteCurrency)
    {
        var planned = new List<PlannedEmail>();
        var previous = stripeEvent.Data.PreviousAttributes as JObject;
        var snapshot = subscription.ToSnapshot(siteCurrency);
        if (previous?["cancel_at_period_end"]?.Type == JTokenType.Boolean && !previous.Value<bool>("cancel_at_period_end")
            && subscription.CancelAtPeriodEnd)
        {
            planned.Add(Cancellation(subscription, snapshot.CurrentPeriodEnd, siteCurrency));
        }
        // A pause set or moved: one reminder per subscription and end date, sent a few days before it (the outbox's due time).
        if (previous?.ContainsKey("pause_collection") == true && snapshot.PauseResumesAt is { } resumesAt)
        {
            var unix = new DateTimeOffset(resumesAt).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            planned.Add(new(EmailKind.PauseEnding, $"{subscription.Id}:{unix}", snapshot.AmountCents, snapshot.Currency, resumesAt));
        }
        if (previous?["items"] is JObject items && PreviousAmount(items) is { } before && before != snapshot.AmountCents)
        {
            planned.Add(new(EmailKind.AmountChanged, stripeEvent.Id, snapshot.AmountCents, snapshot.Currency, snapshot.CurrentPeriodEnd));
        }
        return planned;
    }

    /// <summary>
    /// Keyed by subscription and the moment cancellation was asked for: a request at period end and the deletion
    /// that follows it share the key (one email), while cancelling again after resuming gets a new one.
    /// </summary>
    private static PlannedEmail Cancellation(Subscription subscription, DateTime? endsAt, string siteCurrency)
    {
        var requestedAt = subscription.CanceledAt is { } at && at != default
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "unknown";
        var snapshot = subscription.ToSnapshot(siteCurrency);
        return new(EmailKind.CancellationConfirmed, $"{subscription.Id}:{requestedAt}", snapshot.AmountCents, snapshot.Currency, endsAt);
    }

    private static DateTime? Utc(DateTime? value) =>
        value is { } at && at != default ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null;

    private static long? PreviousAmount(JObject items)
    {
        var item = items["data"]?.FirstOrDefault();
        var unitAmount = item?["price"]?["unit_amount"];
        if (unitAmount is null || unitAmount.Type != JTokenType.Integer)
        {
            return null;
        }
        var quantity = item?["quantity"]?.Type == JTokenType.Integer ? item["quantity"]!.Value<long>() : 1;
        return unitAmount.Value<long>() * quantity;
    }
}
