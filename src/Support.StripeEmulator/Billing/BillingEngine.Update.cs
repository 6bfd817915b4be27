using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Billing;

/// <summary>Inline <c>price_data</c>: Stripe creates a one-off price for it on the given product.</summary>
internal sealed record PriceData(string Currency, long UnitAmount, string Interval, string ProductId);

internal sealed record SubscriptionChange(
    string? ItemId,
    PriceData? PriceData,
    string? PriceId,
    long? Quantity,
    bool? CancelAtPeriodEnd,
    Dictionary<string, string>? Metadata);

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
            if (subscription.Status == "canceled" && (changesItems || change.CancelAtPeriodEnd is not null))
            {
                throw new StripeEmulatorException(400, "invalid_request_error",
                    "A canceled subscription can only update its cancellation_details and metadata.", "invalid_canceled_subscription_fields");
            }
            if (change.ItemId is not null && change.ItemId != item.Id)
            {
                throw StripeEmulatorException.Missing("subscription_item", change.ItemId, "items[0][id]");
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
            if (change.CancelAtPeriodEnd is { } cancelAtPeriodEnd && cancelAtPeriodEnd != subscription.CancelAtPeriodEnd)
            {
                previous["cancel_at_period_end"] = subscription.CancelAtPeriodEnd;
                subscription.CancelAtPeriodEnd = cancelAtPeriodEnd;
                subscription.CanceledAt = cancelAtPeriodEnd ? store.Now : null;
            }
            if (change.Metadata is { } metadata)
            {
                previous["metadata"] = StripeJson.Metadata(subscription.Metadata);
                MergeMetadata(subscription.Metadata, metadata);
            }

            var json = StripeJson.Subscription(store, subscription);
            events.Record("customer.subscription.updated", StripeJson.Subscription(store, subscription), previous);
            return json;
        }
    }

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
