using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Support.StripeEmulator.State;
using static Support.StripeEmulator.Checkout.Html;

namespace Support.StripeEmulator.Checkout;

/// <summary>A stand-in for Stripe's customer portal: shows the customer's subscriptions and links back.</summary>
internal static class PortalPage
{
    public static Task Show(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<EmulatorStore>();
        var id = context.Request.RouteValues["id"] as string ?? "";
        var body = new StringBuilder();
        lock (store.Gate)
        {
            if (!store.PortalSessions.TryGetValue(id, out var session))
            {
                return CheckoutEndpoints.Write(context, 404, Page("Not found", "<h1>Portal session not found</h1>"));
            }
            var customer = store.Customers[session.CustomerId];
            body.Append($"<h1>Billing portal</h1>\n<p>Signed in as {E(customer.Email ?? customer.Id)}.</p>\n<h2>Subscriptions</h2>\n<ul>\n");
            foreach (var subscription in store.Subscriptions.Values.Where(s => s.CustomerId == customer.Id))
            {
                var price = store.Prices[subscription.Item.PriceId];
                var amount = $"{Money.Format(price.UnitAmount * subscription.Item.Quantity, price.Currency)} {Money.Per(price.Interval)}";
                var renews = subscription.CancelAtPeriodEnd ? "ends" : "renews";
                body.Append($"<li>{E(amount)} — {E(subscription.Status)}, {renews} {subscription.Item.CurrentPeriodEnd:yyyy-MM-dd}</li>\n");
            }
            body.Append("</ul>\n<p>Changes are made from the site in this emulator.</p>\n");
            if (session.ReturnUrl is not null)
            {
                body.Append($"<p><a href=\"{E(session.ReturnUrl)}\">Return to site</a></p>\n");
            }
        }
        return CheckoutEndpoints.Write(context, 200, Page("Billing portal", body.ToString()));
    }
}
