using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data;
using Support.Data.Staff;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using Support.Web.Reports;
using Support.Web.Stripe;
using Support.Web.Supporters;

namespace Support.Tests.Supporters;

public sealed class UnknownStatusTests : IDisposable
{
    private readonly SupportAppFactory _app = new();

    [Fact]
    public async Task A_subscription_status_support_does_not_know_is_kept_and_shown_to_staff_not_taken_for_incomplete()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<SupporterLedger>();
            var now = DateTime.UtcNow;
            await ledger.ApplySubscriptionAsync(new SubscriptionSnapshot("sub_frozen", "cus_frozen", "frozen@example.org", "frozen",
                500, "usd", now, null, false, now.AddDays(30), null), null, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<SupportDbContext>().SaveChangesAsync();
        }

        var stored = await _app.QueryAsync(db => db.Contributions.SingleAsync(c => c.StripeSubscriptionId == "sub_frozen"));
        Assert.Equal(ContributionStatus.Unknown, stored.Status);
        Assert.Equal("frozen", stored.StripeStatus);

        var staff = await _app.StaffBrowserAsync(StaffRoles.Staff);
        var summary = (await staff.GetFromJsonAsync<ReportSummary>("/staff/api/summary"))!;
        Assert.Equal([new UnknownStatus("frozen", 1)], summary.UnknownStatuses);
        Assert.Equal(0, summary.ActiveSupporters);
        Assert.Contains("frozen (1)", await staff.GetStringAsync("/staff/reports"));
    }

    public void Dispose() => _app.Dispose();
}
