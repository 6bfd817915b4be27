using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Billing;

/// <summary>Inline <c>price_data</c>: Stripe creates a price for it on the given product (one-time when Interval is null).</summary>
internal sealed record PriceData(string Currency, long UnitAmount, string? Interval, string ProductId);

/// <summary><c>pause_collection</c> on an update: set it (<see cref="Pause"/>) or, sent empty, clear it.</summary>
internal sealed record PauseChange(PauseCollection? Pause);

internal sealed record SubscriptionChange(
    string? ItemId,
    PriceData? PriceData,
    string? PriceId,
    long? Quantity,
    bool? CancelAtPeriodEnd,
    Dictionary<string, string>? Metadata,
    PauseChange? Pause = null,
    string? Feedback = null,
    string? Comment = null);

internal sealed partial class BillingEngine
{
    /// <summary>Call under the store lock.</summary>
    public Price CreatePrice(PriceData data, string param)
    {
        EmulatorStore.Find(store.Products, data.ProductId, "product", param + "[product]");
        var price = new Price
        {
            Id = StripeIds.New("price_"),
            ProductId = data.ProductId,
            Currency = data.Currency,
            UnitAmount = data.UnitAmount,
            Interval = data.Interval,
            Created = store.Now,
        };
        store.Prices[price.Id] = price;
        return price;
    }

    /// <summary>
    /// Applies an update. The price changes from the next invoice on: proration is not modelled, which
    /// matches the <c>proration_behavior=none</c> the app sends.
    /// </summary>
    public JsonObject Update(string subscriptionId, SubscriptionChange change)
    {
        lock (store.Gate)
        {
            var subscription = EmulatorStore.Find(store.Subscriptions, subscriptionId, "subscription");
            var item = subscription.Item;
            var changesItems = change.PriceData is not null || change.PriceId is not null || change.Quantity is not null;
            if (subscription.Status == "canceled" && (changesItems || change.CancelAtPeriodEnd is not null || change.Pause is not null))
            {
                throw new StripeEmulatorException(400, "invalid_request_error",
                    "A canceled subscription can only update its cancellation_details and metadata.", "invalid_canceled_subscription_fields");
            }
            if (change.ItemId is not null && change.ItemId != item.Id)
            {
                throw StripeEmulatorException.Missing("subscription_item", change.ItemId, "items[0][id]");
            }
            if (change.PriceData is { Interval: null })
            {
                throw StripeEmulatorException.Invalid("The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.",
                    "items[0][price_data][recurring][interval]");
            }

            var previous = new JsonObject();
            if (changesItems)
            {
                previous["items"] = StripeJson.Subscription(store, subscription)["items"]!.DeepClone();
                if (change.PriceData is { } data)
                {
                    item.PriceId = CreatePrice(data, "items[0][price_data]").Id;
                }
                else if (change.PriceId is { } priceId)
                {
                    item.PriceId = EmulatorStore.Find(store.Prices, priceId, "price", "items[0][price]").Id;
                }
                item.Quantity = change.Quantity ?? item.Quantity;
            }
            ApplyCancellation(subscription, change, previous);
            if (change.Pause is { } pause)
            {
                previous["pause_collection"] = StripeJson.PauseCollection(subscription.Pause);
                subscription.Pause = pause.Pause;
            }
            if (change.Metadata is { } metadata)
            {
                previous["metadata"] = StripeJson.Metadata(subscription.Metadata);
                MergeMetadata(subscription.Metadata, metadata);
            }

            RecordSubscriptionUpdated(subscription, previous);
            return StripeJson.Subscription(store, subscription);
        }
    }

    /// <summary>
    /// <c>cancel_at_period_end</c> sets (or clears) Stripe's cancellation_requested reason; feedback and a comment
    /// from the customer are kept with it.
    /// </summary>
    private void ApplyCancellation(Subscription subscription, SubscriptionChange change, JsonObject previous)
    {
        var before = subscription.Cancellation;
        var reason = before?.Reason;
        if (change.CancelAtPeriodEnd is { } cancelAtPeriodEnd && cancelAtPeriodEnd != subscription.CancelAtPeriodEnd)
        {
            previous["cancel_at_period_end"] = subscription.CancelAtPeriodEnd;
            subscription.CancelAtPeriodEnd = cancelAtPeriodEnd;
            subscription.CanceledAt = cancelAtPeriodEnd ? store.Now : null;
            reason = cancelAtPeriodEnd ? "cancellation_requested" : null;
        }
        var after = new CancellationDetails(reason,
            change.Feedback is null ? (reason is null ? null : before?.Feedback) : NullIfEmpty(change.Feedback),
            change.Comment is null ? (reason is null ? null : before?.Comment) : NullIfEmpty(change.Comment));
        if (after != (before ?? new CancellationDetails(null, null, null)))
        {
            previous["cancellation_details"] = StripeJson.Cancellation(before);
            subscription.Cancellation = after;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Stripe merges metadata keys; an empty value deletes a key.</summary>
    public static void MergeMetadata(Dictionary<string, string> target, Dictionary<string, string> changes)
    {
        foreach (var (key, value) in changes)
        {
            if (value.Length == 0)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value;
            }
        }
    }
}
