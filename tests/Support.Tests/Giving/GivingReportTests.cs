using System.Text.Json;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Giving;

/// <summary>
/// As a new user would try it over HTTP: a $25 one-time gift raises oneTimeRevenueCents by 2500 and leaves mrrCents
/// as it was; a $120 annual gift raises mrrCents by 1000; neither giver sees the prompt afterwards.
/// </summary>
public sealed class GivingReportTests(GivingReportTests.App app) : IClassFixture<GivingReportTests.App>
{
    public sealed class App : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Reports:SummaryCacheDuration", "00:00:00")];
    }

    [Fact]
    public async Task One_time_gift_adds_to_one_time_revenue_only_and_an_annual_gift_adds_a_twelfth_to_mrr()
    {
        using var staff = await app.StaffBrowserAsync("Staff");
        var before = await SummaryAsync(staff);

        using var once = app.CreateBrowserClient();
        await new ReaderJourney(once).GiveAsync("once", "25", "report.once@example.org");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var afterOnce = await SummaryAsync(staff);

        using var annual = app.CreateBrowserClient();
        await new ReaderJourney(annual).GiveAsync("year", "120", "report.annual@example.org");
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var afterAnnual = await SummaryAsync(staff);

        Assert.Equal((before.Mrr, before.OneTime + 2500), (afterOnce.Mrr, afterOnce.OneTime));
        Assert.Equal((afterOnce.Mrr + 1000, afterOnce.OneTime), (afterAnnual.Mrr, afterAnnual.OneTime));
        Assert.DoesNotContain("support-prompt", await once.GetStringAsync(ReaderJourney.ArticlePath));
        Assert.DoesNotContain("support-prompt", await annual.GetStringAsync(ReaderJourney.ArticlePath));
    }

    private static async Task<(long Mrr, long OneTime)> SummaryAsync(HttpClient staff)
    {
        using var json = JsonDocument.Parse(await staff.GetStringAsync("/staff/api/summary?currency=usd"));
        return (json.RootElement.GetProperty("mrrCents").GetInt64(), json.RootElement.GetProperty("oneTimeRevenueCents").GetInt64());
    }
}
