using System.Net.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Checkout;

/// <summary>The hosted pages Stripe would serve: checkout (GET shows, POST pays), the invoice page and the billing portal.</summary>
internal static class CheckoutEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/checkout/{id}", context => Show(context));
        group.MapPost("/checkout/{id}", Pay);
        InvoicePage.Map(group);
        PortalPage.Map(group);
    }

    private static Task Show(HttpContext context, CheckoutInput? input = null, int status = 200, string? error = null, string? field = null)
    {
        var view = Find(context);
        return view is null
            ? Write(context, 404, Html.Page("Not found", "<h1>Checkout session not found</h1>"))
            : Write(context, status, CheckoutPage.Render(view, context.Request.Path, input, error, field));
    }

    private static async Task Pay(HttpContext context)
    {
        var view = Find(context);
        if (view is null || view.Status != "open")
        {
            await Show(context, status: view is null ? 404 : 200);
            return;
        }
        var form = await CardForm.ReadAsync(context);
        var email = form.Email;
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.', StringComparison.Ordinal))
        {
            await Show(context, form.Input, 400, "Enter a valid email address, such as name@example.com.", "email");
            return;
        }
        if (form.Refusal is { } refusal)
        {
            await Show(context, form.Input, refusal.Status, refusal.Message, "cardNumber");
            return;
        }
        var (ask, passed) = ThreeDSecurePage.Step(form.Card, form.Authentication);
        if (ask)
        {
            await Write(context, 200, ThreeDSecurePage.Render(context.Request.Path, view.Amount, form.Carried()));
            return;
        }
        if (!passed)
        {
            await Show(context, form.Input, 402, TestCards.AuthenticationFailedMessage, "cardNumber");
            return;
        }
        var billing = context.RequestServices.GetRequiredService<BillingEngine>();
        var successUrl = billing.CompleteCheckout(view.Id, email, form.NameOrNull, form.Card);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = successUrl;
    }

    private static CheckoutView? Find(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<EmulatorStore>();
        var id = context.Request.RouteValues["id"] as string ?? "";
        lock (store.Gate)
        {
            if (!store.CheckoutSessions.TryGetValue(id, out var session))
            {
                return null;
            }
            var price = store.Prices[session.PriceId];
            var amount = Money.Describe(price.UnitAmount * session.Quantity, price.Currency, price.Interval);
            var email = session.CustomerEmail
                ?? (session.CustomerId is { } customerId ? store.Customers[customerId].Email : null);
            return new CheckoutView(session.Id, session.Status, session.Mode, session.SubmitType, amount, email, session.CancelUrl,
                session.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session.Id, StringComparison.Ordinal));
        }
    }

    public static Task Write(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
