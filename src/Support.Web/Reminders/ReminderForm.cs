using System.Net.Mail;

namespace Support.Web.Reminders;

/// <summary>What POST /reminders receives from the plain HTML form.</summary>
public sealed class ReminderForm
{
    public string? Article { get; set; }
    public string? Choice { get; set; }
    public string? Email { get; set; }

    /// <summary>Trimmed and lower-cased, as supporters' emails are stored; null when left empty.</summary>
    public string? NormalisedEmail => string.IsNullOrWhiteSpace(Email) ? null : Email.Trim().ToLowerInvariant();

    /// <summary>A bare address (no display name, no list), short enough to store.</summary>
    public static bool IsValidEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
        && parsed.Host.Contains('.', StringComparison.Ordinal);
}
