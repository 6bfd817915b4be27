namespace Support.StripeEmulator.Billing;

/// <summary>Who is there when a card is charged: the payer at Checkout, the payer on a hosted page, or nobody (a renewal or retry).</summary>
internal enum Presence
{
    Checkout,
    HostedPage,
    OffSession,
}

internal enum CardOutcome
{
    Succeeds,
    Declined,
    RequiresAction,
}

/// <summary>The Stripe test cards the emulator understands (docs/stripe-emulator.md, "Test cards").</summary>
internal static class TestCards
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string FailsOnRenewal = "4000000000000341";
    public const string AuthenticationRequired = "4000002760003184";
    public const string Disputed = "4000000000000259";

    public const string UnknownCardMessage = "Use a test card such as 4242 4242 4242 4242.";
    public const string DeclinedMessage = "Your card was declined.";
    public const string AuthenticationFailedMessage =
        "We are unable to authenticate your payment method. Please choose a different payment method and try again.";

    public static bool IsKnown(string card) => card is Succeeds or Declined or FailsOnRenewal or AuthenticationRequired or Disputed;

    /// <summary>The hosted pages ask the payer to authenticate (3-D Secure) before they use this card.</summary>
    public static bool NeedsAuthentication(string card) => card == AuthenticationRequired;

    /// <summary>
    /// What a charge does. 0341 succeeds at Checkout (so a test can make a subscription whose renewals fail; on Stripe
    /// its first charge fails too) and fails every later charge. 3184 passes once the payer authenticated on the page,
    /// and needs action whenever nobody is there.
    /// </summary>
    public static CardOutcome Charge(string card, Presence presence) => card switch
    {
        Declined => CardOutcome.Declined,
        FailsOnRenewal => presence == Presence.Checkout ? CardOutcome.Succeeds : CardOutcome.Declined,
        AuthenticationRequired => presence == Presence.OffSession ? CardOutcome.RequiresAction : CardOutcome.Succeeds,
        _ => CardOutcome.Succeeds,
    };

    public static string Normalize(string? cardNumber) =>
        new((cardNumber ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
