using System.Text;
using static Support.StripeEmulator.Checkout.Html;

namespace Support.StripeEmulator.Checkout;

/// <summary>What the hosted checkout page shows, read from the session under the store lock.</summary>
internal sealed record CheckoutView(string Id, string Status, string Mode, string? SubmitType, string Amount, string? Email, string? CancelUrl,
    string SuccessUrl)
{
    /// <summary>Stripe words the button by <c>submit_type</c>: Pay (auto), Donate, Book, Subscribe.</summary>
    public string Action => Mode == "subscription" ? "Subscribe" : SubmitType switch
    {
        "donate" => "Donate",
        "book" => "Book",
        "subscribe" => "Subscribe",
        _ => "Pay",
    };
}

/// <summary>What the payer typed, echoed back on error (never the card number or CVC).</summary>
internal sealed record CheckoutInput(string? Email, string? Expiry, string? Name);

internal static class CheckoutPage
{
    public const string CardsHint = "Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, "
        + "4000 0000 0000 0341 fails on renewal, 4000 0027 6000 3184 asks for 3-D Secure, 4000 0000 0000 0259 is disputed after payment.";

    public static string Render(CheckoutView view, string formAction, CheckoutInput? input = null, string? error = null, string? errorField = null)
    {
        if (view.Status == "complete")
        {
            var what = view.Mode == "subscription" ? $"Your subscription of {E(view.Amount)} is active." : $"Your payment of {E(view.Amount)} went through.";
            return Page("Already paid", $"""
                <h1>This checkout is already paid</h1>
                <p>{what}</p>
                <p><a href="{E(view.SuccessUrl)}">Continue to the site</a></p>
                """);
        }
        if (view.Status != "open")
        {
            return Page("Checkout expired", $"""
                <h1>This checkout has expired</h1>
                {BackLink(view)}
                """);
        }

        var body = new StringBuilder();
        body.Append($"<h1>{E(view.Action)}</h1>\n<p class=\"amount\">{E(view.Amount)}</p>\n");
        if (error is not null)
        {
            body.Append($"<p class=\"error\" role=\"alert\" id=\"form-error\">{E(error)}</p>\n");
        }
        body.Append($"<form method=\"post\" action=\"{E(formAction)}\">\n");
        body.Append(Field("email", "Email", "email", "email", input?.Email ?? view.Email, errorField));
        body.Append(CardFields(input, errorField));
        body.Append($"<button type=\"submit\">{E(view.Action)} {E(view.Amount)}</button>\n</form>\n");
        body.Append(BackLink(view));
        return Page("Checkout", body.ToString());
    }

    /// <summary>Card number, expiry, CVC and name, as on every hosted page that takes a card.</summary>
    public static string CardFields(CheckoutInput? input, string? errorField) =>
        Field("cardNumber", "Card number", "text", "cc-number", null, errorField, CardsHint, "inputmode=\"numeric\"")
        + Field("expiry", "Expiry (MM/YY)", "text", "cc-exp", input?.Expiry, errorField, "Any future date.", "placeholder=\"MM/YY\"")
        + Field("cvc", "CVC", "text", "cc-csc", null, errorField, "Any three digits.", "inputmode=\"numeric\"")
        + Field("name", "Name on card", "text", "cc-name", input?.Name, errorField);

    private static string BackLink(CheckoutView view) =>
        view.CancelUrl is null ? "" : $"<p><a href=\"{E(view.CancelUrl)}\">Back</a></p>\n";

    private static string Field(string name, string label, string type, string autocomplete, string? value,
        string? errorField, string? hint = null, string extra = "")
    {
        var describedBy = new List<string>();
        if (hint is not null)
        {
            describedBy.Add($"{name}-hint");
        }
        var invalid = errorField == name;
        if (invalid)
        {
            describedBy.Add("form-error");
        }
        var aria = (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "")
            + (invalid ? " aria-invalid=\"true\"" : "");
        var hintHtml = hint is null ? "" : $"<p class=\"hint\" id=\"{name}-hint\">{E(hint)}</p>\n";
        return $"<label for=\"{name}\">{E(label)}</label>\n"
            + $"<input id=\"{name}\" name=\"{name}\" type=\"{type}\" autocomplete=\"{autocomplete}\" value=\"{E(value)}\" required{aria} {extra}>\n"
            + hintHtml;
    }
}
