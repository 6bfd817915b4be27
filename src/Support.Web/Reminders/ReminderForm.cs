using Support.Web.Email;

namespace Support.Web.Reminders;

/// <summary>What POST /reminders receives from the plain HTML form.</summary>
public sealed class ReminderForm
{
    public string? Article { get; set; }
    public string? Choice { get; set; }
    public string? Email { get; set; }

    /// <summary>Stored form of the address (<see cref="EmailAddresses.Normalise"/>); null when left empty.</summary>
    public string? NormalisedEmail => EmailAddresses.Normalise(Email);
}
