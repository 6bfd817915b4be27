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

    private static CheckoutView? Find(HttpContext context) => Read(context, store => store.CheckoutSessions, (store, session) =>
        {
            var price = store.Prices[session.PriceId];
            var amount = Money.Describe(price.UnitAmount * session.Quantity, price.Currency, price.Interval);
            var email = session.CustomerEmail
                ?? (session.CustomerId is { } customerId ? store.Customers[customerId].Email : null);
            return new CheckoutView(session.Id, session.Status, session.Mode, session.SubmitType, amount, email, session.CancelUrl,
                session.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session.Id, StringComparison.Ordinal));
        });

    /// <summary>What a hosted page shows of the object its route names, read under the store lock; null when there is none.</summary>
    public static TView? Read<TEntity, TView>(HttpContext context, Func<EmulatorStore, Dictionary<string, TEntity>> table,
        Func<EmulatorStore, TEntity, TView> view) where TView : class
    {
        var store = context.RequestServices.GetRequiredService<EmulatorStore>();
        lock (store.Gate)
        {
            return table(store).TryGetValue(context.Request.RouteValues["id"] as string ?? "", out var found) ? view(store, found) : null;
        }
    }

    public static Task Write(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
