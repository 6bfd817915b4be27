using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Support.Data.Supporters.Emails;
using Support.Tests.Email;
using Support.Tests.Infrastructure;
using Support.Web.Keeping;
using Support.Web.Supporters.Emails;

namespace Support.Tests.Account;

/// <summary>
/// The account app on a clock the tests move: a held payment-failed email, a retry or a poll comes when a test lets
/// that much time pass, never by waiting for it on the wall clock.
/// </summary>
public sealed class ClockedAccountApp : AccountAppFactory
{
    public ClockedAccountApp() => Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

    public FakeTimeProvider Time => Clock!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. base.Settings,
        // While a test waits for a poll the clock runs faster than the wall (PollUntilAsync): a lease of minutes keeps
        // a live claim from looking dead between two of its renewals.
        new("SupporterEmails:ClaimLease", "00:05:00"),
    ];

    public SupporterEmailOptions EmailOptions => Services.GetRequiredService<IOptions<SupporterEmailOptions>>().Value;

    /// <summary>Moves the clock, then runs a sending round to its end: what is due by then is settled, by it or by the app's own sender.</summary>
    public async Task ComeDueAsync(TimeSpan by)
    {
        Time.Advance(by);
        await this.SendRoundAsync<EmailDispatch>();
    }

    /// <summary>
    /// The first non-null value of the probe, one poll interval passing before each look: what the app's own senders
    /// find by polling (rows of another process, a dead process's claims), with no wake-up and no round of the test's.
    /// </summary>
    public Task<T> PollUntilAsync<T>(Func<Task<T?>> probe, string what) where T : class =>
        Eventually.RefAsync(async () =>
        {
            Time.Advance(EmailOptions.DispatchPollInterval);
            return await probe();
        }, what);

    /// <summary>
    /// Once the payment-failed email of the address is written (its webhook applied), lets its hold (ADR 0014) pass;
    /// returns its row as it was a moment before the hold ended, after a sending round at that moment.
    /// </summary>
    public async Task<EmailDispatch> PassPaymentFailedHoldAsync(string email)
    {
        await Eventually.TrueAsync(() => QueryAsync(db => db.EmailDispatches.AnyAsync(d => d.Email == email && d.Kind == EmailKind.PaymentFailed)),
            $"a payment-failed email row for {email}", TimeSpan.FromSeconds(60));
        var moment = TimeSpan.FromMilliseconds(1);
        await ComeDueAsync(Services.GetRequiredService<IOptions<KeepingOptions>>().Value.PaymentFailedEmailHold - moment);
        var held = await QueryAsync(db => db.EmailDispatches.AsNoTracking().SingleAsync(d => d.Email == email && d.Kind == EmailKind.PaymentFailed));
        await ComeDueAsync(moment);
        return held;
    }
}
