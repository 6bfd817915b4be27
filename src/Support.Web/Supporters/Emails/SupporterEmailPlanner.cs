using Newtonsoft.Json.Linq;
using Support.Data.Supporters.Emails;
using Support.Web.Stripe;
using global::Stripe;

namespace Support.Web.Supporters.Emails;

/// <summary>An email an event calls for, keyed by its trigger so that two deliveries or two events never send it twice.</summary>
public sealed record PlannedEmail(EmailKind Kind, string Key, long AmountCents, string Currency, DateTime? EffectiveAt);

/// <summary>
/// Decides from a Stripe event alone (its type, payload and previous attributes) which supporter emails it
/// causes. Nothing here reads our ledger, so the decision is the same in whatever order events arrive.
/// </summary>
public static class SupporterEmailPlanner
{
    // siteCurrency (Stripe:Currency) only should Stripe omit an invoice's currency; never a fixed one.
    public static IReadOnlyList<PlannedEmail> Plan(Event stripeEvent, string siteCurrency) => stripeEvent.Data.Object switch
    {
        Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaid && invoice.BillingReason == "subscription_create" =>
            [new(EmailKind.ThankYou, invoice.Id, invoice.AmountPaid, invoice.Currency ?? siteCurrency, null)],
        // Keyed by invoice: one email per unpaid invoice, however many times Stripe retries the card.
        Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaymentFailed =>
            [new(EmailKind.PaymentFailed, invoice.Id, invoice.AmountDue, invoice.Currency ?? siteCurrency, null)],
        Subscription subscription when stripeEvent.Type == EventTypes.CustomerSubscriptionUpdated =>
            FromUpdate(stripeEvent, subscription, siteCurrency),
        Subscription subscription when stripeEvent.Type == EventTypes.CustomerSubscriptionDeleted =>
            [Cancellation(subscription, subscription.ToSnapshot(siteCurrency).EndedAt, siteCurrency)],
        _ => [],
    };

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
