using System.Text;
using static Support.StripeEmulator.Checkout.Html;

namespace Support.StripeEmulator.Checkout;

/// <summary>
/// The bank's 3-D Secure challenge for card 4000 0027 6000 3184, as Stripe's test page shows it: complete or fail.
/// It posts the payer's form again with <c>three_d_secure=complete|fail</c>, so every hosted page uses the same step.
/// </summary>
internal static class ThreeDSecurePage
{
    public const string Field = "three_d_secure";

    public static string Render(string formAction, string amount, IEnumerable<KeyValuePair<string, string>> carried)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in carried)
        {
            hidden.Append($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">\n");
        }
        return Page("Authenticate your payment", $"""
            <h1>Authenticate your payment</h1>
            <p>Your bank asks you to confirm the payment of <strong>{E(amount)}</strong> (3-D Secure test page).</p>
            <form method="post" action="{E(formAction)}">
            {hidden}<button type="submit" name="{Field}" value="complete">Complete authentication</button>
            <button type="submit" name="{Field}" value="fail" class="secondary">Fail authentication</button>
            </form>
            """);
    }

    /// <summary>Whether the payer still has to authenticate the card, and what they chose if they did.</summary>
    public static (bool Ask, bool Passed) Step(string card, string? answer) =>
        !Billing.TestCards.NeedsAuthentication(card) ? (false, true)
        : answer switch { "complete" => (false, true), "fail" => (false, false), _ => (true, false) };
}
