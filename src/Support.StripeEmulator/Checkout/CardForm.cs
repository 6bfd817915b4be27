using Microsoft.AspNetCore.Http;
using Support.StripeEmulator.Billing;

namespace Support.StripeEmulator.Checkout;

/// <summary>A card form posted to a hosted page (checkout, invoice, portal), with the 3-D Secure answer if it was asked.</summary>
internal sealed record CardForm(string Email, string Name, string Expiry, string Card, string? Authentication)
{
    public static async Task<CardForm> ReadAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        return new CardForm(form["email"].ToString().Trim(), form["name"].ToString().Trim(), form["expiry"].ToString(),
            TestCards.Normalize(form["cardNumber"]), form[ThreeDSecurePage.Field].ToString() is { Length: > 0 } answer ? answer : null);
    }

    public CheckoutInput Input => new(Email, Expiry, Name);

    public string? NameOrNull => Name.Length > 0 ? Name : null;

    /// <summary>The answer a page gives a card it cannot take: unknown (400) or declined (402); null when the card will do.</summary>
    public (int Status, string Message)? Refusal => !TestCards.IsKnown(Card) ? (400, TestCards.UnknownCardMessage)
        : Card == TestCards.Declined ? (402, TestCards.DeclinedMessage)
        : null;

    /// <summary>What the 3-D Secure page posts back: the same form.</summary>
    public IEnumerable<KeyValuePair<string, string>> Carried() =>
        [new("email", Email), new("name", Name), new("expiry", Expiry), new("cardNumber", Card), new("cvc", "123")];
}
