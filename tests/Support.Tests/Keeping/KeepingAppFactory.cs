using Support.Tests.Account;

namespace Support.Tests.Keeping;

/// <summary>The account app with a short hold on payment-failed emails, so a test sees the hold work without waiting minutes.</summary>
public class KeepingAppFactory : AccountAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. base.Settings,
        new("Keeping:PaymentFailedEmailHold", "00:00:01"),
    ];
}
