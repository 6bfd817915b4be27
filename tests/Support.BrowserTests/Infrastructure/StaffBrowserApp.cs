using Microsoft.Playwright;
using Support.Data;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Reports;
using Support.Tests.Staff;

namespace Support.BrowserTests.Infrastructure;

/// <summary>
/// The app with a staff account (created through the same service as the admin page, as the staff tests do) and
/// the hand-computed report history of the reports tests (January to April 2025), so every chart has data.
/// </summary>
public class StaffBrowserApp : BrowserApp<SupportAppFactory>
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
            await InsertHistoryAsync(db);
            return 0;
        });
        await App.CreateAccountAsync(StaffEmail, StaffRoles.Staff);
    }

    /// <summary>Fills in the staff sign-in form the page was sent to and submits it.</summary>
    public static async Task SignInAsync(IPage page)
    {
        await page.GetByLabel("Email").FillAsync(StaffEmail);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
    }

    protected virtual Task InsertHistoryAsync(SupportDbContext db) => ReportHistory.InsertAsync(db);
}

/// <summary>The staff app with the hand-computed movements history (January to June 2025, all three frequencies).</summary>
public sealed class MovementsBrowserApp : StaffBrowserApp
{
    protected override Task InsertHistoryAsync(SupportDbContext db) => MovementHistory.InsertAsync(db);
}
