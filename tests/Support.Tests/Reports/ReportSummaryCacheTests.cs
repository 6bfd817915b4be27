using System.Net.Http.Json;
using Support.Data;
using Support.Data.Staff;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>
/// A computed summary is reused for Reports:SummaryCacheDuration per range and currency, and computed afresh when
/// the duration is zero.
/// </summary>
public sealed class ReportSummaryCacheTests
{
    private sealed class CachingApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Reports:SummaryCacheDuration", "00:10:00")];
    }

    private sealed class FreshApp : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Reports:SummaryCacheDuration", "00:00:00")];
    }

    [Fact]
    public async Task A_second_request_within_the_duration_gets_the_same_figures_even_after_a_new_supporter()
    {
        using var app = new CachingApp();
        var staff = await app.StaffBrowserAsync(StaffRoles.Staff);

        var first = await SummaryAsync(staff, "usd");
        await AddSupporterAsync(app, "usd");
        var second = await SummaryAsync(staff, "usd");
        var otherCurrency = await SummaryAsync(staff, "eur");

        Assert.Equal(0, first.ActiveSupporters);
        Assert.Equal(first.GeneratedAt, second.GeneratedAt);
        Assert.Equal(0, second.ActiveSupporters);
        Assert.Equal(0, otherCurrency.ActiveSupporters); // another key, computed now: the new supporter gives in usd
        var page = await staff.GetStringAsync("/staff/reports");
        Assert.Contains("Figures as of", page);
    }

    [Fact]
    public async Task With_a_zero_duration_every_request_sees_the_latest_figures()
    {
        using var app = new FreshApp();
        var staff = await app.StaffBrowserAsync(StaffRoles.Staff);

        var first = await SummaryAsync(staff, "usd");
        await AddSupporterAsync(app, "usd");
        var second = await SummaryAsync(staff, "usd");

        Assert.Equal(0, first.ActiveSupporters);
        Assert.Equal(1, second.ActiveSupporters);
        Assert.Equal(500, second.MrrCents);
    }

    private static async Task<ReportSummary> SummaryAsync(HttpClient staff, string currency) =>
        (await staff.GetFromJsonAsync<ReportSummary>($"/staff/api/summary?currency={currency}"))!;

    private static Task<int> AddSupporterAsync(SupportAppFactory app, string currency) => app.QueryAsync(async (SupportDbContext db) =>
    {
        var now = DateTime.UtcNow;
        var supporter = new Supporter { StripeCustomerId = "cus_cache", Email = "cache@example.org", CreatedAt = now };
        db.Contributions.Add(new Contribution
        {
            StripeSubscriptionId = "sub_cache", Supporter = supporter, AmountCents = 500, Currency = currency,
            Status = ContributionStatus.Active, StartedAt = now, UpdatedAt = now,
        });
        return await db.SaveChangesAsync();
    });
}
