using System.Net.Mail;

namespace Support.Web.Email;

/// <summary>The one rule for readers' email addresses: how they are stored (trimmed, lower case) and which are accepted.</summary>
public static class EmailAddresses
{
    /// <summary>The longest address SMTP allows in a path (RFC 5321), and the length we store.</summary>
    public const int MaxLength = 254;

    /// <summary>Trimmed and lower-cased, as every address is stored and compared; null when empty.</summary>
    public static string? Normalise(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>A bare address (no display name, no list) with a dotted domain, short enough to store.</summary>
    public static bool IsValid(string email) =>
        email.Length <= MaxLength && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal);
}
