using Support.Data.Email;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;
using Support.Web.Commands;
using Support.Web.Reports;
using Support.Data.Supporters;

namespace Support.Tests.Reports;

public sealed class DemoSeedTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task Demo_seed_fills_an_empty_database_that_the_reports_then_read_and_refuses_a_second_time()
    {
        var output = new StringWriter();
        var indexesBefore = await IndexesAsync();

        var first = await CommandLine.RunAsync(app.Services, ["demo", "seed", "--supporters", "300"], new StringReader(""), output, CancellationToken.None);
        var second = await CommandLine.RunAsync(app.Services, ["demo", "seed", "--supporters", "300"], new StringReader(""), output, CancellationToken.None);

        Assert.Equal(0, first);
        Assert.Equal(1, second);
        Assert.Contains("Seeded 300 supporters", output.ToString());
        Assert.Contains("only fills an empty one", output.ToString());
        Assert.Equal(300, await app.QueryAsync(db => db.Supporters.CountAsync()));
        // The seed drops the indexes to load faster; every one of them is back, with its definition.
        Assert.Equal(indexesBefore, await IndexesAsync());
        Assert.Contains(indexesBefore, i => i.Contains("IX_Payments_StripeInvoiceId", StringComparison.Ordinal));
        using var staff = await app.StaffBrowserAsync(StaffRoles.Staff);
        var summary = (await staff.GetFromJsonAsync<ReportSummary>("/staff/api/summary"))!;
        Assert.InRange(summary.ActiveSupporters, 50, 300);
        Assert.True(summary.MrrCents > 0);
        Assert.Contains(summary.Months, m => m.FailedPayments > 0);
        Assert.True(summary.Months.Sum(m => m.RevenueCents) > 0);
        Assert.NotEmpty(summary.Funnel);
        Assert.True(summary.Reminders.Scheduled > 0);
    }

    [Fact]
    public async Task The_demo_history_has_annual_and_one_time_gifts_whose_month_figures_agree_with_every_other_computation()
    {
        using var demo = new SupportAppFactory();
        await CommandLine.RunAsync(demo.Services, ["demo", "seed", "--supporters", "600"], new StringReader(""), new StringWriter(), CancellationToken.None);

        var frequencies = await demo.QueryAsync(db => db.Contributions.GroupBy(c => c.Frequency).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.All(new[] { GiftFrequency.Month, GiftFrequency.Year, GiftFrequency.Once },
            f => Assert.Contains(frequencies, g => g.Key == f && g.Count > 10));
        // The seed's bulk insert bypasses the deltas and rebuilds: the rows per frequency are the ledger's.
        Assert.Equal(await demo.QueryAsync(MonthTotalsTests.FromScratchAsync), await demo.QueryAsync(MonthTotalsTests.KeptAsync));
        using var staff = await demo.StaffBrowserAsync(StaffRoles.Staff);
        var now = DateTime.UtcNow;
        var from = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-23);
        var range = "from=" + from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var summary = (await staff.GetFromJsonAsync<ReportSummary>($"/staff/api/summary?{range}"))!;
        var movements = (await staff.GetFromJsonAsync<MrrMovementReport>($"/staff/api/movements?{range}"))!;
        // MRR at each month's end from the month totals (with annual twelfths) equals the movements' from every gift.
        Assert.Equal(movements.Months.Select(m => m.EndMrrCents), summary.Months.Select(m => m.MrrCents));
        Assert.True(summary.OneTimeRevenueCents > 0);
        Assert.Equal(summary.Months.Sum(m => m.OneTimeGifts),
            await demo.QueryAsync(db => db.Payments.CountAsync(p => p.Contribution.Frequency == GiftFrequency.Once && p.Currency == summary.Currency && p.PaidAt >= from)));
    }

    private Task<List<string>> IndexesAsync() => app.QueryAsync(db => db.Database
        .SqlQueryRaw<string>(TestDatabase.IsPostgreSql
            ? "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"
            : "SELECT sql AS Value FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").ToListAsync());

    [Fact]
    public async Task Demo_reminders_still_waiting_are_due_later_so_the_service_never_emails_invented_readers_at_start()
    {
        using var demo = new SupportAppFactory();
        await CommandLine.RunAsync(demo.Services, ["demo", "seed", "--supporters", "400"], new StringReader(""), new StringWriter(), CancellationToken.None);

        var now = DateTime.UtcNow;
        var pending = await demo.QueryAsync(db => db.Reminders.Where(r => r.Status == EmailStatus.Pending).Select(r => r.DueAt).ToListAsync());
        Assert.NotEmpty(pending);
        Assert.All(pending, due => Assert.True(due > now.AddDays(6), $"A pending demo reminder is due at {due:u}."));
    }
}
