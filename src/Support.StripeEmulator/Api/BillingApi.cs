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
            Metadata: form.Hash("metadata"),
            Pause: ReadPause(request),
            Feedback: form.Get("cancellation_details[feedback]"),
            Comment: form.Get("cancellation_details[comment]"));
        return request.Service<BillingEngine>().Update(request.Id, change);
    }

    /// <summary><c>pause_collection[behavior]=void</c> with an optional <c>[resumes_at]</c>; <c>pause_collection=</c> (empty) resumes.</summary>
    private static PauseChange? ReadPause(ApiRequest request)
    {
        var form = request.Params;
        if (form.Get("pause_collection") is { } whole)
        {
            return whole.Length == 0 && !form.Has("pause_collection[behavior]")
                ? new PauseChange(null)
                : throw StripeEmulatorException.Invalid("Send pause_collection empty to resume, or pause_collection[behavior] to pause.", "pause_collection");
        }
        if (!form.Has("pause_collection[behavior]") && !form.Has("pause_collection[resumes_at]"))
        {
            return null;
        }
        var behavior = form.Required("pause_collection[behavior]");
        if (behavior != "void")
        {
            throw StripeEmulatorException.Invalid($"The Stripe emulator models pause_collection[behavior]=void only, not {behavior}.",
                "pause_collection[behavior]");
        }
        DateTimeOffset? resumesAt = form.Long("pause_collection[resumes_at]") is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : null;
        if (resumesAt <= request.Service<EmulatorStore>().Now)
        {
            throw StripeEmulatorException.Invalid("pause_collection[resumes_at] must be in the future.", "pause_collection[resumes_at]");
        }
        return new PauseChange(new PauseCollection(behavior, resumesAt));
    }

    public static JsonObject CancelSubscription(ApiRequest request) =>
        request.Service<BillingEngine>().Cancel(request.Id, request.Params.Get("cancellation_details[feedback]"),
            request.Params.Get("cancellation_details[comment]"));

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
