using System.Globalization;
using Support.Tests.Reminders;

namespace Support.Tests.Account;

/// <summary>The app with Hangfire in memory, the in-process SMTP server and the emulator, for the account tests.</summary>
public class AccountAppFactory : ReminderAppFactory
{
    protected virtual int SignInRequestsPerAddress => 1000;
    protected virtual int SignInRequestsPerEmail => 1000;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. base.Settings,
        new("Account:SignInRequestsPerAddress", SignInRequestsPerAddress.ToString(CultureInfo.InvariantCulture)),
        new("Account:SignInRequestsPerEmail", SignInRequestsPerEmail.ToString(CultureInfo.InvariantCulture)),
        // Payment-failed emails wait for a possible 3-D Secure request (ADR 0014): a second here, not two minutes.
        new("Keeping:PaymentFailedEmailHold", "00:00:01"),
    ];
}
