using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Reports;
using Support.Tests.Staff;

namespace Support.BrowserTests.Infrastructure;

/// <summary>
/// The app with a staff account (created through the same service as the admin page, as the staff tests do) and
/// the hand-computed report history of the reports tests (January to April 2025), so every chart has data.
/// </summary>
public sealed class StaffBrowserApp : BrowserApp<SupportAppFactory>
{
    public const string StaffEmail = "reports.reader@newsroom.example";
    public const string Password = StaffSessions.Password;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!Chromium.IsInstalled)
        {
            return; // No app was started; the tests skip (or fail) when they ask for a context.
        }
        await App.QueryAsync(async db =>
        {
            await ReportHistory.InsertAsync(db);
            return 0;
        });
        await App.CreateAccountAsync(StaffEmail, StaffRoles.Staff);
    }
}
