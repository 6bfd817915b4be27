using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using static Support.StripeEmulator.Api.ApiPipeline;

namespace Support.StripeEmulator.Api;

/// <summary>The Stripe API subset Support calls, at Stripe's own paths under <c>{prefix}/v1</c>.</summary>
internal static class StripeApiEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapPost("/products", Handle(ResourcesApi.CreateProduct));
        v1.MapGet("/products/{id}", Handle(ResourcesApi.RetrieveProduct));
        v1.MapGet("/prices/{id}", Handle(ResourcesApi.RetrievePrice));

        v1.MapPost("/checkout/sessions", Handle(CheckoutSessionsApi.Create));
        v1.MapGet("/checkout/sessions/{id}", Handle(CheckoutSessionsApi.Retrieve));
        v1.MapPost("/checkout/sessions/{id}/expire", Handle(CheckoutSessionsApi.Expire));

        v1.MapPost("/customers", Handle(ResourcesApi.CreateCustomer));
        v1.MapGet("/customers/{id}", Handle(ResourcesApi.RetrieveCustomer));
        v1.MapPost("/customers/{id}", Handle(ResourcesApi.UpdateCustomer));

        v1.MapGet("/subscriptions", Handle(ListsApi.Subscriptions));
        v1.MapGet("/subscriptions/{id}", Handle(BillingApi.RetrieveSubscription));
        v1.MapPost("/subscriptions/{id}", Handle(BillingApi.UpdateSubscription));
        v1.MapDelete("/subscriptions/{id}", Handle(BillingApi.CancelSubscription));

        v1.MapGet("/invoices", Handle(ListsApi.Invoices));
        v1.MapGet("/invoices/{id}", Handle(BillingApi.RetrieveInvoice));
        v1.MapGet("/invoice_payments", Handle(BillingApi.ListInvoicePayments));
        v1.MapGet("/charges/{id}", Handle(ResourcesApi.RetrieveCharge));

        v1.MapPost("/billing_portal/sessions", Handle(ResourcesApi.CreatePortalSession));

        v1.MapGet("/events", Handle(EventsApi.List));
        v1.MapGet("/events/{id}", Handle(EventsApi.Retrieve));

        // Anything else under /v1 answers like Stripe does for an unknown URL, not with an empty 404.
        v1.Map("/{**rest}", Handle(_ => throw new StripeEmulatorException(404, "invalid_request_error",
            "Unrecognized request URL. The Stripe emulator does not implement this endpoint.")));
    }
}
