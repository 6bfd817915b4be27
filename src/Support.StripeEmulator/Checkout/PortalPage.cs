using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.State;
using static Support.StripeEmulator.Checkout.Html;

namespace Support.StripeEmulator.Checkout;

/// <summary>
/// A stand-in for Stripe's customer portal: the customer's subscriptions and card, and the payment method update
/// (the whole page for a <c>flow_data[type]=payment_method_update</c> session), which ends as the flow's
/// <c>after_completion</c> says: back on the portal, a confirmation, or a redirect.
/// </summary>
internal static class PortalPage
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/portal/{id}", context => Show(context, PaymentMethodFlow(context)));
        group.MapGet("/portal/{id}/payment-method", context => Show(context, updating: true));
        group.MapPost("/portal/{id}/payment-method", UpdateCard);
    }

    private static bool PaymentMethodFlow(HttpContext context) => Session(context)?.Flow?.Type == "payment_method_update";

    private static Task Show(HttpContext context, bool updating, int status = 200, string? error = null, string? notice = null)
    {
        if (Session(context) is not { } session)
        {
            return CheckoutEndpoints.Write(context, 404, Page("Not found", "<h1>Portal session not found</h1>"));
        }
        var store = context.RequestServices.GetRequiredService<EmulatorStore>();
        var body = new StringBuilder();
        lock (store.Gate)
        {
            var customer = store.Customers[session.CustomerId];
            var subscriptions = store.Subscriptions.Values.Where(s => s.CustomerId == customer.Id).OrderBy(s => s.Sequence).ToList();
            var cardId = customer.DefaultPaymentMethodId ?? subscriptions.LastOrDefault(s => s.Status != "canceled")?.PaymentMethodId;
            var card = cardId is null ? "none" : $"Visa ending {store.PaymentMethods[cardId].Last4}";
            body.Append($"<h1>{(updating ? "Update your payment method" : "Billing portal")}</h1>\n<p>Signed in as {E(customer.Email ?? customer.Id)}.</p>\n");
            if (notice is not null)
            {
                body.Append($"<p class=\"notice\" role=\"status\">{E(notice)}</p>\n");
            }
            body.Append($"<p>Card on file: {E(card)}.</p>\n");
            if (updating)
            {
                if (error is not null)
                {
                    body.Append($"<p class=\"error\" role=\"alert\" id=\"form-error\">{E(error)}</p>\n");
                }
                body.Append($"<form method=\"post\" action=\"{E(PathOf(context, session))}/payment-method\">\n");
                body.Append(CheckoutPage.CardFields(null, error is null ? null : "cardNumber"));
                body.Append("<button type=\"submit\">Save card</button>\n</form>\n");
            }
            else
            {
                AppendSubscriptions(body, store, subscriptions);
                body.Append($"<p><a href=\"{E(PathOf(context, session))}/payment-method\">Update payment method</a></p>\n");
            }
        }
        if (session.ReturnUrl is not null)
        {
            body.Append($"<p><a href=\"{E(session.ReturnUrl)}\">Return to site</a></p>\n");
        }
        return CheckoutEndpoints.Write(context, status, Page("Billing portal", body.ToString()));
    }

    private static void AppendSubscriptions(StringBuilder body, EmulatorStore store, List<Subscription> subscriptions)
    {
        body.Append("<h2>Subscriptions</h2>\n<ul>\n");
        foreach (var subscription in subscriptions)
        {
            var price = store.Prices[subscription.Item.PriceId];
            var amount = Money.Describe(price.UnitAmount * subscription.Item.Quantity, price.Currency, price.Interval);
            var state = subscription.Pause is { } pause
                ? $"paused{(pause.ResumesAt is { } at ? $" until {at:yyyy-MM-dd}" : "")}"
                : $"{(subscription.CancelAtPeriodEnd ? "ends" : "renews")} {subscription.Item.CurrentPeriodEnd:yyyy-MM-dd}";
            body.Append($"<li>{E(amount)} — {E(subscription.Status)}, {E(state)}</li>\n");
        }
        body.Append("</ul>\n<p>Amounts and cancellation are changed from the site in this emulator.</p>\n");
    }

    private static async Task UpdateCard(HttpContext context)
    {
        if (Session(context) is not { } session)
        {
            await Show(context, updating: true);
            return;
        }
        var form = await CardForm.ReadAsync(context);
        if (form.Refusal is { } refusal)
        {
            await Show(context, updating: true, refusal.Status, refusal.Message);
            return;
        }
        var (ask, passed) = ThreeDSecurePage.Step(form.Card, form.Authentication);
        if (ask)
        {
            await CheckoutEndpoints.Write(context, 200, ThreeDSecurePage.Render(context.Request.Path, "a new card (no charge)", form.Carried()));
            return;
        }
        if (!passed)
        {
            await Show(context, updating: true, 402, TestCards.AuthenticationFailedMessage);
            return;
        }
        context.RequestServices.GetRequiredService<BillingEngine>().UpdateCard(session.CustomerId, form.Card, form.NameOrNull);
        switch (session.Flow)
        {
            case { AfterCompletion: "redirect", RedirectUrl: { } redirect }:
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = redirect;
                break;
            case { AfterCompletion: "hosted_confirmation" } flow:
                var back = session.ReturnUrl is null ? "" : $"<p><a href=\"{E(session.ReturnUrl)}\">Return to site</a></p>\n";
                await CheckoutEndpoints.Write(context, 200, Page("Payment method updated",
                    $"<h1>Payment method updated</h1>\n<p class=\"notice\" role=\"status\">{E(flow.ConfirmationMessage ?? "Your payment method was updated.")}</p>\n{back}"));
                break;
            default:
                await Show(context, updating: false, notice: "Your payment method was updated.");
                break;
        }
    }

    private static string PathOf(HttpContext context, PortalSession session)
    {
        var path = context.Request.Path.Value ?? "";
        return path[..(path.IndexOf(session.Id, StringComparison.Ordinal) + session.Id.Length)];
    }

    private static PortalSession? Session(HttpContext context) =>
        CheckoutEndpoints.Read(context, store => store.PortalSessions, (_, session) => session);
}
