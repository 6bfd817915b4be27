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
        var mode = form.Required("mode");
        if (mode == "setup")
        {
            throw StripeEmulatorException.Invalid("The Stripe emulator supports mode=payment and mode=subscription, not setup.", "mode");
        }
        form.OnlyFirstItem("line_items");
        var successUrl = form.Required("success_url");
        var customerId = form.Get("customer");
        var customerEmail = form.Get("customer_email");
        if (customerId is not null && customerEmail is not null)
        {
            throw StripeEmulatorException.Exclusive("customer", "customer_email");
        }
        var payment = mode == "payment";
        foreach (var (group, modes) in new[] { ("customer_creation", "payment"), ("invoice_creation", "payment"), ("payment_intent_data", "payment"),
                     ("subscription_data", "subscription") })
        {
            if (form.Has(group) && !modes.Contains(mode, StringComparison.Ordinal))
            {
                throw StripeEmulatorException.Invalid($"`{group}` can only be used in `{modes}` mode.", group);
            }
        }
        var invoiceCreation = form.Bool("invoice_creation[enabled]") == true
            ? new InvoiceData(form.Get("invoice_creation[invoice_data][description]"), form.Get("invoice_creation[invoice_data][footer]"),
                form.Hash("invoice_creation[invoice_data][metadata]") ?? [])
            : null;
        var store = request.Service<EmulatorStore>();
        lock (store.Gate)
        {
            var price = form.Get("line_items[0][price]") is { } priceId
                ? EmulatorStore.Find(store.Prices, priceId, "price", "line_items[0][price]")
                : request.Service<BillingEngine>().CreatePrice(ReadPriceData(form, "line_items[0][price_data]"), "line_items[0][price_data]");
            if (payment && price.Interval is not null)
            {
                throw StripeEmulatorException.Invalid("You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode "
                    + "or use only one-time prices.", "line_items[0]");
            }
            if (!payment && price.Interval is null)
            {
                throw StripeEmulatorException.Invalid("You must provide at least one recurring price in `subscription` mode when using prices.", "line_items[0]");
            }
            var customer = customerId is null ? null : EmulatorStore.Find(store.Customers, customerId, "customer", "customer");
            var id = StripeIds.New("cs_test_");
            var session = new CheckoutSession
            {
                Id = id,
                Mode = mode,
                PriceId = price.Id,
                Quantity = form.Long("line_items[0][quantity]") ?? 1,
                SuccessUrl = successUrl,
                CancelUrl = form.Get("cancel_url"),
                Url = request.HostedPageUrl($"checkout/{id}"),
                Created = store.Now,
                ExpiresAt = store.Now.AddHours(24),
                CustomerEmail = customerEmail,
                CustomerId = customer?.Id,
                CustomerCreation = form.Get("customer_creation"),
                InvoiceCreation = invoiceCreation,
                SubmitType = form.Get("submit_type"),
                PaymentIntentDescription = form.Get("payment_intent_data[description]"),
                PaymentIntentMetadata = form.Hash("payment_intent_data[metadata]") ?? [],
                Metadata = form.Hash("metadata") ?? [],
                SubscriptionMetadata = form.Hash("subscription_data[metadata]") ?? [],
            };
            store.CheckoutSessions[id] = session;
            return StripeJson.CheckoutSession(store, session);
        }
    }

    /// <summary>Inline price data; without <c>[recurring][interval]</c> the price is one-time (payment mode).</summary>
    public static PriceData ReadPriceData(FormParams form, string prefix)
    {
        // Stripe's enum of intervals is checked against its schema before the handler runs.
        var interval = form.Get($"{prefix}[recurring][interval]");
        if (interval is not null && interval.Length == 0)
        {
            throw StripeEmulatorException.InvalidEmpty($"{prefix}[recurring][interval]");
        }
        var amountKey = $"{prefix}[unit_amount]";
        var amount = form.Long(amountKey) ?? throw StripeEmulatorException.ParameterMissing(amountKey);
        var currency = form.Required($"{prefix}[currency]").ToLowerInvariant();
        if (currency.Length != 3)
        {
            throw StripeEmulatorException.Invalid($"Invalid currency: {currency}.", $"{prefix}[currency]");
        }
        return new PriceData(currency, amount, interval, form.Required($"{prefix}[product]"));
    }

    public static JsonObject Retrieve(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.CheckoutSession(store, EmulatorStore.Find(store.CheckoutSessions, request.Id, "checkout.session")));

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
