using Support.Data;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Reports;

/// <summary>The app with a report test's history inserted once and a staff browser signed in to read the reports.</summary>
public abstract class ReportApp : SupportAppFactory, IAsyncLifetime
{
    public HttpClient Staff { get; private set; } = null!;

    /// <summary>The rows the report tests of one class read.</summary>
    protected abstract Task InsertHistoryAsync(SupportDbContext db);

    public async Task InitializeAsync()
    {
        await QueryAsync(async db => { await InsertHistoryAsync(db); return 0; });
        Staff = await this.StaffBrowserAsync(StaffRoles.Staff);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
