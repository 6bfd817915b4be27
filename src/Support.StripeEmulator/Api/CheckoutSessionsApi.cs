using System.Text.Json.Nodes;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Api;

internal static class CheckoutSessionsApi
{
    public static JsonObject Create(ApiRequest request)
    {
        var form = request.Params;
        if (form.Required("mode") != "subscription")
        {
            throw StripeEmulatorException.Invalid("The Stripe emulator supports only mode=subscription.", "mode");
        }
        form.OnlyFirstItem("line_items");
        var successUrl = form.Required("success_url");
        var customerId = form.Get("customer");
        var customerEmail = form.Get("customer_email");
        if (customerId is not null && customerEmail is not null)
        {
            throw StripeEmulatorException.Exclusive("customer", "customer_email");
        }
        var store = request.Service<EmulatorStore>();
        lock (store.Gate)
        {
            var price = form.Get("line_items[0][price]") is { } priceId
                ? EmulatorStore.Find(store.Prices, priceId, "price", "line_items[0][price]")
                : request.Service<BillingEngine>().CreatePrice(ReadPriceData(form, "line_items[0][price_data]"), "line_items[0][price_data]");
            var customer = customerId is null ? null : EmulatorStore.Find(store.Customers, customerId, "customer", "customer");
            var id = StripeIds.New("cs_test_");
            var session = new CheckoutSession
            {
                Id = id,
                PriceId = price.Id,
                Quantity = form.Long("line_items[0][quantity]") ?? 1,
                SuccessUrl = successUrl,
                CancelUrl = form.Get("cancel_url"),
                Url = request.HostedPageUrl($"checkout/{id}"),
                Created = store.Now,
                ExpiresAt = store.Now.AddHours(24),
                CustomerEmail = customerEmail,
                CustomerId = customer?.Id,
                Metadata = form.Hash("metadata") ?? [],
                SubscriptionMetadata = form.Hash("subscription_data[metadata]") ?? [],
            };
            store.CheckoutSessions[id] = session;
            return StripeJson.CheckoutSession(store, session);
        }
    }

    public static PriceData ReadPriceData(FormParams form, string prefix)
    {
        // Stripe's enum of intervals is checked against its schema before the handler runs.
        var interval = form.Required($"{prefix}[recurring][interval]");
        var amountKey = $"{prefix}[unit_amount]";
        var amount = form.Long(amountKey) ?? throw StripeEmulatorException.ParameterMissing(amountKey);
        var currency = form.Required($"{prefix}[currency]").ToLowerInvariant();
        if (currency.Length != 3)
        {
            throw StripeEmulatorException.Invalid($"Invalid currency: {currency}.", $"{prefix}[currency]");
        }
        return new PriceData(currency, amount, interval, form.Required($"{prefix}[product]"));
    }

    public static JsonObject Retrieve(ApiRequest request)
    {
        var store = request.Service<EmulatorStore>();
        lock (store.Gate)
        {
            return StripeJson.CheckoutSession(store, EmulatorStore.Find(store.CheckoutSessions, request.Id, "checkout.session"));
        }
    }

    public static JsonObject Expire(ApiRequest request)
    {
        var store = request.Service<EmulatorStore>();
        lock (store.Gate)
        {
            var session = EmulatorStore.Find(store.CheckoutSessions, request.Id, "checkout.session");
            if (session.Status != "open")
            {
                throw StripeEmulatorException.Invalid($"Only open Checkout Sessions can be expired; this one is {session.Status}.");
            }
            session.Status = "expired";
            return StripeJson.CheckoutSession(store, session);
        }
    }
}
