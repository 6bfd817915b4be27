using Microsoft.EntityFrameworkCore;
using Support.Data.Email;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security.Walk;

/// <summary>
/// The visitors' app with every limit out of the way (the walk sends thousands of requests from one address, and
/// limits are proven elsewhere), no timed flush of counters during the walk, and a watch on its database.
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
    ];

    public StoreWatch Store { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // The supporter's thank-you email is the last thing the set-up writes; wait until it is recorded as sent.
        await Eventually.TrueAsync(async () => !await QueryAsync(db => db.EmailDispatches.AnyAsync(d => d.Status == EmailStatus.Pending || d.Status == EmailStatus.Sending)),
            "the set-up's emails are settled", TimeSpan.FromSeconds(60));
        var connection = await QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        Store = await StoreWatch.OpenAsync(connection, TestDatabase.IsPostgreSql);
        await Store.SettleAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }
}
