using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using static Support.StripeEmulator.Api.ApiPipeline;

namespace Support.StripeEmulator.Api;

/// <summary>
/// The Stripe API subset Support calls, at Stripe's own paths under <c>{prefix}/v1</c>. Each endpoint names the
/// parameters it models (patterns as in Schema/stripe-parameters.json); Stripe's other parameters are refused.
/// </summary>
internal static class StripeApiEndpoints
{
    private static readonly string[] _paging = ["limit", "starting_after", "ending_before", .. Range("created")];
    private static readonly string[] _priceData = ["[currency]", "[product]", "[unit_amount]", "[recurring][interval]"];

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapPost("/products", Handle("POST /v1/products", ResourcesApi.CreateProduct, "name", "metadata", "metadata[*]"));
        v1.MapGet("/products/{id}", Handle("GET /v1/products/{id}", ResourcesApi.RetrieveProduct));
        v1.MapGet("/prices/{id}", Handle("GET /v1/prices/{id}", ResourcesApi.RetrievePrice));

        v1.MapPost("/checkout/sessions", Handle("POST /v1/checkout/sessions", CheckoutSessionsApi.Create,
            ["mode", "success_url", "cancel_url", "customer", "customer_email", "metadata", "metadata[*]",
             "subscription_data[metadata]", "subscription_data[metadata][*]", "line_items", "line_items[#][price]", "line_items[#][quantity]",
             .. _priceData.Select(key => "line_items[#][price_data]" + key)]));
        v1.MapGet("/checkout/sessions/{id}", Handle("GET /v1/checkout/sessions/{id}", CheckoutSessionsApi.Retrieve));
        v1.MapPost("/checkout/sessions/{id}/expire", Handle("POST /v1/checkout/sessions/{id}/expire", CheckoutSessionsApi.Expire));

        string[] customer = ["email", "name", "metadata", "metadata[*]"];
        v1.MapPost("/customers", Handle("POST /v1/customers", ResourcesApi.CreateCustomer, customer));
        v1.MapGet("/customers/{id}", Handle("GET /v1/customers/{id}", ResourcesApi.RetrieveCustomer));
        v1.MapPost("/customers/{id}", Handle("POST /v1/customers/{id}", ResourcesApi.UpdateCustomer, customer));

        v1.MapGet("/subscriptions", Handle("GET /v1/subscriptions", ListsApi.Subscriptions,
            [.. _paging, "customer", "price", "plan", "status", "collection_method", "automatic_tax[enabled]",
             .. Range("current_period_start"), .. Range("current_period_end")]));
        v1.MapGet("/subscriptions/{id}", Handle("GET /v1/subscriptions/{id}", BillingApi.RetrieveSubscription, "expand", "expand[#]"));
        v1.MapPost("/subscriptions/{id}", Handle("POST /v1/subscriptions/{id}", BillingApi.UpdateSubscription,
            ["items", "items[#][id]", "items[#][price]", "items[#][quantity]", .. _priceData.Select(key => "items[#][price_data]" + key),
             "proration_behavior", "cancel_at_period_end", "metadata", "metadata[*]"]));
        v1.MapDelete("/subscriptions/{id}", Handle("DELETE /v1/subscriptions/{id}", BillingApi.CancelSubscription));

        v1.MapGet("/invoices", Handle("GET /v1/invoices", ListsApi.Invoices,
            [.. _paging, "customer", "status", "subscription", "collection_method", .. Range("due_date")]));
        v1.MapGet("/invoices/{id}", Handle("GET /v1/invoices/{id}", BillingApi.RetrieveInvoice));
        v1.MapGet("/invoice_payments", Handle("GET /v1/invoice_payments", BillingApi.ListInvoicePayments,
            [.. _paging, "invoice", "payment[type]", "payment[payment_intent]"]));
        v1.MapGet("/charges/{id}", Handle("GET /v1/charges/{id}", ResourcesApi.RetrieveCharge));

        v1.MapPost("/billing_portal/sessions", Handle("POST /v1/billing_portal/sessions", ResourcesApi.CreatePortalSession, "customer", "return_url"));

        v1.MapGet("/events", Handle("GET /v1/events", EventsApi.List, [.. _paging, "type", "types", "types[#]", "delivery_success"]));
        v1.MapGet("/events/{id}", Handle("GET /v1/events/{id}", EventsApi.Retrieve));

        v1.Map("/{**rest}", Unrecognized());
    }

    /// <summary>A Unix-time filter: <c>created</c> itself or a <c>[gt]</c>/<c>[gte]</c>/<c>[lt]</c>/<c>[lte]</c> bound.</summary>
    private static string[] Range(string name) => [name, $"{name}[gt]", $"{name}[gte]", $"{name}[lt]", $"{name}[lte]"];
}
