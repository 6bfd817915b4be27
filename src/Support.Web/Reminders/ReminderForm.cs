using Support.Web.Email;

namespace Support.Web.Reminders;

/// <summary>What POST /reminders receives from the plain HTML form (and /embed/reminder from the embedded prompt).</summary>
public sealed class ReminderForm
{
    public string? Article { get; set; }
    public string? Choice { get; set; }
    public string? Email { get; set; }

    /// <summary>Stored form of the address (<see cref="EmailAddresses.Normalise"/>); null when left empty.</summary>
    public string? NormalisedEmail => EmailAddresses.Normalise(Email);

    /// <summary>The one check both forms pass: a choice this environment offers and, if given, an address that looks right.</summary>
    public ReminderCheck Check(ReminderSchedule schedule)
    {
        var choice = schedule.Find(Choice);
        if (choice is null)
        {
            return new ReminderCheck(null, null, "Choose when we should remind you.");
        }
        var email = NormalisedEmail;
        if (email is not null && !EmailAddresses.IsValid(email))
        {
            return new ReminderCheck(choice, null,
                "That email address does not look right. Check it, or leave it empty to be reminded here on this device.");
        }
        return new ReminderCheck(choice, email, null);
    }
}

/// <summary>The chosen time and the stored address (null: none given), or the sentence to show when <see cref="Error"/> is set.</summary>
public sealed record ReminderCheck(OfferedChoice? Choice, string? Email, string? Error);
