using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;

namespace Support.StripeEmulator.Api;

/// <summary><c>GET /v1/invoices</c> and <c>GET /v1/subscriptions</c>, with Stripe's filters and paging.</summary>
internal static class ListsApi
{
    public static JsonObject Invoices(ApiRequest request)
    {
        var form = request.Params;
        var (customer, status, subscription, method) = (form.Get("customer"), form.Get("status"), form.Get("subscription"), form.Get("collection_method"));
        var dueDate = CreatedRange.Read(form, "due_date");
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/invoices", "invoice",
            [.. store.Invoices.Values.OrderByDescending(i => i.Sequence)], i => i.Id, i => i.Created,
            i => (customer is null || i.CustomerId == customer) && (status is null || i.Status == status)
                && (subscription is null || i.SubscriptionId == subscription) && (method is null || method == "charge_automatically")
                // Only send_invoice invoices have a due date, and the emulator makes none.
                && dueDate == CreatedRange.None,
            i => StripeJson.Invoice(store, i)));
    }

    public static JsonObject Subscriptions(ApiRequest request)
    {
        var form = request.Params;
        var (customer, price, method) = (form.Get("customer"), form.Get("price") ?? form.Get("plan"), form.Get("collection_method"));
        var status = form.Get("status");
        var periodStart = CreatedRange.Read(form, "current_period_start");
        var periodEnd = CreatedRange.Read(form, "current_period_end");
        var automaticTax = form.Bool("automatic_tax[enabled]");
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/subscriptions", "subscription",
            [.. store.Subscriptions.Values.OrderByDescending(s => s.Sequence)], s => s.Id, s => s.Created,
            s => HasStatus(s.Status, status) && (customer is null || s.CustomerId == customer)
                && (price is null || s.Item.PriceId == price) && (method is null || method == "charge_automatically")
                && periodStart.Contains(s.Item.CurrentPeriodStart) && periodEnd.Contains(s.Item.CurrentPeriodEnd)
                && automaticTax is null or false,
            s => StripeJson.Subscription(store, s)));
    }

    /// <summary>Stripe's default leaves out canceled subscriptions; <c>all</c> keeps every one; <c>ended</c> is canceled or incomplete_expired.</summary>
    private static bool HasStatus(string actual, string? wanted) => wanted switch
    {
        null => actual != "canceled",
        "all" => true,
        "ended" => actual is "canceled" or "incomplete_expired",
        _ => actual == wanted,
    };
}
