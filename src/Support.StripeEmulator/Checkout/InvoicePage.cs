using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Support.StripeEmulator.Billing;
using static Support.StripeEmulator.Checkout.Html;

namespace Support.StripeEmulator.Checkout;

/// <summary>
/// Stripe's hosted invoice page (<c>hosted_invoice_url</c>): a paid or void invoice says so; an open one takes a
/// card, or, when its payment waits for 3-D Secure, asks the payer to authenticate it.
/// </summary>
internal static class InvoicePage
{
    private const string AuthenticateAction = "authenticate";

    private sealed record View(string Number, string Amount, string Status, bool NeedsAuthentication, DateTimeOffset? PaidAt);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/invoice/{id}", context => Show(context));
        group.MapPost("/invoice/{id}", Pay);
    }

    private static Task Show(HttpContext context, int status = 200, string? error = null, CheckoutInput? input = null)
    {
        if (Find(context) is not { } view)
        {
            return CheckoutEndpoints.Write(context, 404, Page("Not found", "<h1>Invoice not found</h1>"));
        }
        var body = new StringBuilder($"<h1>Invoice {E(view.Number)}</h1>\n<p class=\"amount\">{E(view.Amount)}</p>\n");
        if (view.Status == "paid")
        {
            body.Append($"<p class=\"notice\" role=\"status\">Paid on {view.PaidAt:yyyy-MM-dd}. Thank you.</p>\n");
        }
        else if (view.Status != "open")
        {
            body.Append($"<p class=\"notice\">This invoice is {E(view.Status)}: nothing is due.</p>\n");
        }
        else if (view.NeedsAuthentication && error is null)
        {
            return CheckoutEndpoints.Write(context, status, ThreeDSecurePage.Render(context.Request.Path, view.Amount, [new("action", AuthenticateAction)]));
        }
        else
        {
            if (error is not null)
            {
                body.Append($"<p class=\"error\" role=\"alert\" id=\"form-error\">{E(error)}</p>\n");
            }
            body.Append($"<form method=\"post\" action=\"{E(context.Request.Path)}\">\n");
            body.Append(CheckoutPage.CardFields(input, error is null ? null : "cardNumber"));
            body.Append($"<button type=\"submit\">Pay {E(view.Amount)}</button>\n</form>\n");
        }
        return CheckoutEndpoints.Write(context, status, Page($"Invoice {view.Number}", body.ToString()));
    }

    private static async Task Pay(HttpContext context)
    {
        if (Find(context) is not { Status: "open" } view)
        {
            await Show(context);
            return;
        }
        var id = context.Request.RouteValues["id"] as string ?? "";
        var billing = context.RequestServices.GetRequiredService<BillingEngine>();
        var posted = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        if (posted["action"] == AuthenticateAction && view.NeedsAuthentication)
        {
            var passed = posted[ThreeDSecurePage.Field] == "complete";
            billing.PayOnPage(id, null, authenticated: passed);
            await Show(context, passed ? 200 : 402, passed ? null : TestCards.AuthenticationFailedMessage);
            return;
        }
        var form = await CardForm.ReadAsync(context);
        if (form.Refusal is { } refusal)
        {
            await Show(context, refusal.Status, refusal.Message, form.Input);
            return;
        }
        var (ask, passedCard) = ThreeDSecurePage.Step(form.Card, form.Authentication);
        if (ask)
        {
            await CheckoutEndpoints.Write(context, 200, ThreeDSecurePage.Render(context.Request.Path, view.Amount, form.Carried()));
            return;
        }
        var outcome = passedCard ? billing.PayOnPage(id, form.Card) : CardOutcome.RequiresAction;
        await (outcome == CardOutcome.Succeeds
            ? Show(context)
            : Show(context, 402, passedCard ? TestCards.DeclinedMessage : TestCards.AuthenticationFailedMessage, form.Input));
    }

    private static View? Find(HttpContext context) => CheckoutEndpoints.Read(context, store => store.Invoices, (store, invoice) =>
        new View(invoice.Number, Money.Format(invoice.AmountDue, invoice.Currency), invoice.Status,
            store.PaymentIntents[invoice.PaymentIntentId].Status == "requires_action", invoice.PaidAt));
}
