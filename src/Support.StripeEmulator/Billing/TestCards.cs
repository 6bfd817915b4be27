namespace Support.StripeEmulator.Billing;

/// <summary>The Stripe test cards the hosted checkout understands.</summary>
internal static class TestCards
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string FailsOnRenewal = "4000000000000341";

    public static string Normalize(string? cardNumber) =>
        new((cardNumber ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
