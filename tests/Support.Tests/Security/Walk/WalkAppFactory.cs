using Microsoft.EntityFrameworkCore;
using Support.Data.Email;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security.Walk;

/// <summary>
/// The visitors' app with every limit out of the way (the walk sends thousands of requests from one address, and
/// limits are proven elsewhere), no timed flush of counters and no reconciliation run during the walk (writes no
/// request caused), and a watch on its database.
/// </summary>
public sealed class WalkAppFactory : VisitorsAppFactory, IAsyncLifetime
{
    protected override int SignupsPerWindow => 10_000;
    protected override int SignInRequestsPerAddress => 10_000;
    protected override int SignInRequestsPerEmail => 1_000;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. base.Settings,
        new("Reports:PromptFlushInterval", "01:00:00"),
        new("Experiments:SyncInterval", "01:00:00"),
        new("Reconciliation:Schedule", ""),
    ];

    /// <summary>The test settings' longest wait before an email goes out ("soon" reminders, retries, the payment-failed hold: a second), with room.</summary>
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    public StoreWatch Store { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // The supporter's thank-you email is the last thing the set-up writes; wait until it is recorded as sent.
        await Eventually.TrueAsync(async () => !await QueryAsync(db => db.EmailDispatches.AnyAsync(d => d.Status == EmailStatus.Pending || d.Status == EmailStatus.Sending)),
            "the set-up's emails are settled", TimeSpan.FromSeconds(60));
        var connection = await QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        Store = await StoreWatch.OpenAsync(connection, TestDatabase.IsPostgreSql);
        await BackgroundWorkDoneAsync();
    }

    /// <summary>
    /// Waits until the work earlier requests left running has finished, then reads the watch, so the next change it
    /// sees is a request's own. Those writers are the emulator's webhook deliveries and the two email outboxes (the
    /// delivery may queue an email, so it is waited for first): done when no delivery is pending and no email is
    /// being sent or due within <see cref="Soon"/>.
    /// </summary>
    public async Task BackgroundWorkDoneAsync()
    {
        await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => !await QueryAsync(db => UnsentSoonAsync(db.Reminders))
                && !await QueryAsync(db => UnsentSoonAsync(db.EmailDispatches)),
            "the emails earlier requests queued are sent", TimeSpan.FromSeconds(60));
        await Store.ChangedAsync();
    }

    private static Task<bool> UnsentSoonAsync<T>(IQueryable<T> emails) where T : QueuedEmail
    {
        var soon = DateTime.UtcNow + Soon;
        return emails.AnyAsync(e => e.Status == EmailStatus.Sending || (e.Status == EmailStatus.Pending && e.DueAt < soon));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }
}
