using System.Security.Cryptography;

namespace Support.StripeEmulator.State;

internal static class StripeIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Ids look like Stripe's (<c>cus_</c> + 24 random characters) so the app's column sizes and logs match real use.</summary>
    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 24);

    /// <summary>Upper-case letters, as in a customer's invoice prefix.</summary>
    public static string Letters(int count) => RandomNumberGenerator.GetString(Alphabet.AsSpan(0, 26), count);
}
