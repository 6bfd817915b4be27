using System.Text.Json.Nodes;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Api;

/// <summary>Subscriptions, invoices and invoice payments.</summary>
internal static class BillingApi
{
    public static JsonObject RetrieveSubscription(ApiRequest request)
    {
        if (request.Params.Array("expand").FirstOrDefault(field => field != "customer") is { } other)
        {
            throw StripeEmulatorException.Invalid($"The Stripe emulator can expand only customer on a subscription, not {other}.", "expand");
        }
        return ResourcesApi.Read(request, store => StripeJson.Subscription(store, EmulatorStore.Find(store.Subscriptions, request.Id, "subscription"),
            expandCustomer: request.Params.Expands("customer")));
    }

    public static JsonObject UpdateSubscription(ApiRequest request)
    {
        var form = request.Params;
        form.OnlyFirstItem("items");
        // Without prorations modelled, every proration_behavior (an enum checked against Stripe's schema) acts as none.
        var change = new SubscriptionChange(
            ItemId: form.Get("items[0][id]"),
            PriceData: form.Get("items[0][price_data][product]") is null
                ? null
                : CheckoutSessionsApi.ReadPriceData(form, "items[0][price_data]"),
            PriceId: form.Get("items[0][price]"),
            Quantity: form.Long("items[0][quantity]"),
            CancelAtPeriodEnd: form.Bool("cancel_at_period_end"),
            Metadata: form.Hash("metadata"));
        return request.Service<BillingEngine>().Update(request.Id, change);
    }

    public static JsonObject CancelSubscription(ApiRequest request) =>
        request.Service<BillingEngine>().Cancel(request.Id);

    public static JsonObject RetrieveInvoice(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.Invoice(store, EmulatorStore.Find(store.Invoices, request.Id, "invoice")));

    /// <summary>Endive's way from a payment intent (as on a refunded charge) back to its invoice.</summary>
    public static JsonObject ListInvoicePayments(ApiRequest request)
    {
        var form = request.Params;
        var type = form.Get("payment[type]");
        if (type is not null and not "payment_intent")
        {
            throw StripeEmulatorException.Invalid("The Stripe emulator supports only payment[type]=payment_intent.", "payment[type]");
        }
        var paymentIntent = form.Get("payment[payment_intent]");
        var invoiceId = form.Get("invoice");
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/invoice_payments", "invoice_payment",
            [.. store.Invoices.Values.OrderByDescending(invoice => invoice.Sequence)], invoice => invoice.InvoicePaymentId, invoice => invoice.Created,
            invoice => (paymentIntent is null || invoice.PaymentIntentId == paymentIntent) && (invoiceId is null || invoice.Id == invoiceId),
            StripeJson.InvoicePayment));
    }
}
