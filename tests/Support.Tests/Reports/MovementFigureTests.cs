using System.Net;
using System.Net.Http.Json;
using Support.Data;
using Support.Tests.Infrastructure;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>
/// MRR movements, churn, ARPS, lifetime value and cohorts on <see cref="MovementHistory"/>, computed by hand.
/// MRR at each month's end (cents; monthly gifts by the invoice issued that month, annual ones a twelfth of their latest
/// invoice, one-time never):
///   Dec 2024: D 12000/12 = 1000                                            → 1000, 1 supporter
///   Jan: A 1000 + B 2000 + F 800 + D 1000                                   → 4800, 4
///   Feb: A 1000 + B 2000 + C 500 + D 1000 (F ended before its invoice)      → 4500, 4
///   Mar: A 1000 + B 1200 + D 1000 (C ended in March: its failed invoice out) → 3200, 3
///   Apr: A 1500 + B 1200 + F 600 + D 1000                                   → 4300, 4
///   May: A 1500 + F 600 + D 1000 + G 6000/12 = 500 (B ended May 8)         → 3600, 4
///   Jun: A 1500 + F 600 + D 18000/12 = 1500 + G 500                         → 4100, 4
/// </summary>
public sealed class MovementFigureTests(MovementFigureTests.Fixture fixture) : IClassFixture<MovementFigureTests.Fixture>
{
    public sealed class Fixture : ReportApp
    {
        protected override Task InsertHistoryAsync(SupportDbContext db) => MovementHistory.InsertAsync(db);
    }

    private const string Range = $"from={MovementHistory.From}&to={MovementHistory.To}";

    private async Task<MrrMovementReport> ReportAsync() =>
        (await fixture.Staff.GetFromJsonAsync<MrrMovementReport>($"/staff/api/movements?{Range}"))!;

    private static (int, long) Of(MovementMonth month, MovementKind kind) =>
        month.Movements.Single(m => m.Kind == kind) is var t ? (t.Supporters, t.Cents) : default;

    [Fact]
    public async Task Month_end_mrr_matches_the_summary_and_each_month_starts_where_the_last_ended()
    {
        var months = (await ReportAsync()).Months;
        var summary = (await fixture.Staff.GetFromJsonAsync<ReportSummary>($"/staff/api/summary?{Range}"))!;

        Assert.Equal([1000L, 4800, 4500, 3200, 4300, 3600], months.Select(m => m.StartMrrCents));
        Assert.Equal([4800L, 4500, 3200, 4300, 3600, 4100], months.Select(m => m.EndMrrCents));
        Assert.Equal(summary.Months.Select(m => m.MrrCents), months.Select(m => m.EndMrrCents));
        Assert.Equal([3800L, -300, -1300, 1100, -700, 500], months.Select(m => m.NetCents));
    }

    [Fact]
    public async Task Each_movement_is_counted_in_its_month_with_its_supporters_and_cents()
    {
        var m = (await ReportAsync()).Months;

        // Jan: A 1000 + B 2000 + F 800 new (D was giving before the range).
        Assert.Equal((3, 3800L), Of(m[0], MovementKind.New));
        // Feb: C new 500; F stopped (asked): voluntary −800. Net 500 − 800 = −300.
        Assert.Equal((1, 500L), Of(m[1], MovementKind.New));
        Assert.Equal((1, 800L), Of(m[1], MovementKind.VoluntaryChurn));
        // Mar: B 2000 → 1200 contraction 800; C ended for failed payments: involuntary −500. Net −1300.
        Assert.Equal((1, 800L), Of(m[2], MovementKind.Contraction));
        Assert.Equal((1, 500L), Of(m[2], MovementKind.InvoluntaryChurn));
        Assert.Equal((0, 0L), Of(m[2], MovementKind.VoluntaryChurn));
        // Apr: A 1000 → 1500 expansion 500; F back at 600 (first gift in January): reactivation, not new. Net 1100.
        Assert.Equal((1, 500L), Of(m[3], MovementKind.Expansion));
        Assert.Equal((1, 600L), Of(m[3], MovementKind.Reactivation));
        Assert.Equal((0, 0L), Of(m[3], MovementKind.New));
        // May: G new 6000/12 = 500; B ended (asked): voluntary −1200. Net −700.
        Assert.Equal((1, 500L), Of(m[4], MovementKind.New));
        Assert.Equal((1, 1200L), Of(m[4], MovementKind.VoluntaryChurn));
        // Jun: D renewed at 18000: 1000 → 1500, expansion 500. E's one-time gift and refunds move nothing.
        Assert.Equal((1, 500L), Of(m[5], MovementKind.Expansion));
        Assert.All(m, month => Assert.Equal(month.NetCents,
            Of(month, MovementKind.New).Item2 + Of(month, MovementKind.Expansion).Item2 + Of(month, MovementKind.Reactivation).Item2
            - Of(month, MovementKind.Contraction).Item2 - Of(month, MovementKind.VoluntaryChurn).Item2 - Of(month, MovementKind.InvoluntaryChurn).Item2));
    }

    [Fact]
    public async Task Churn_rates_arps_and_lifetime_value_per_month_and_for_the_range()
    {
        var report = await ReportAsync();
        var m = report.Months;

        // Supporters churned ÷ supporters with MRR at the month's start: Feb 1/4 (F), Mar 1/4 (C), May 1/4 (B).
        Assert.Equal([0, 0.25, 0.25, 0, 0.25, 0], m.Select(x => x.SupporterChurnRate!.Value));
        // Gross MRR churn = (churn + contraction) ÷ start: Feb 800/4800, Mar (500 + 800)/4500, May 1200/4300.
        Assert.Equal([0, 800 / 4800d, 1300 / 4500d, 0, 1200 / 4300d, 0], m.Select(x => x.GrossMrrChurnRate!.Value));
        // Net MRR churn = (churn + contraction − expansion − reactivation) ÷ start: Apr (0 − 500 − 600)/3200, Jun −500/3600.
        Assert.Equal([0, 800 / 4800d, 1300 / 4500d, -1100 / 3200d, 1200 / 4300d, -500 / 3600d], m.Select(x => x.NetMrrChurnRate!.Value));
        // ARPS = MRR at end ÷ supporters with MRR: 4800/4, 4500/4, 3200/3 = 1066.67 → 1067, 4300/4 = 1075, 3600/4, 4100/4 = 1025.
        Assert.Equal([1200L, 1125, 1067, 1075, 900, 1025], m.Select(x => x.ArpsCents));
        // Lifetime value = ARPS ÷ supporter churn: Feb 1125/0.25, Mar 1067/0.25, May 900/0.25; none without churn.
        Assert.Equal([null, 4500L, 4268, null, 3600, null], m.Select(x => x.LifetimeValueCents));
        // Range: 3 churned ÷ (1 + 4 + 4 + 3 + 4 + 4 = 20) supporter-months = 0.15; LTV = June's ARPS 1025 ÷ 0.15 = 6833.33 → 6833.
        Assert.Equal(0.15, report.SupporterChurnRate!.Value, 10);
        Assert.Equal(1025, report.ArpsCents);
        Assert.Equal(6833, report.LifetimeValueCents);
    }

    [Fact]
    public async Task Cohorts_are_the_share_of_first_time_recurring_supporters_still_giving()
    {
        var cohorts = (await ReportAsync()).Cohorts;

        // January: A, B, F (D started in 2024, E gave once). Feb: A, B (F ended); Mar: A, B; Apr: A, B, F (back);
        // May: A, F (B ended); Jun: A, F. February: C, gone from March. May: G. No one else started a first gift.
        Assert.Equal([3, 1, 0, 0, 1, 0], cohorts.Select(c => c.Supporters));
        Assert.Equal([3, 2, 2, 3, 2, 2], cohorts[0].StillGiving.Select(n => n!.Value));
        Assert.Equal([1, 0, 0, 0, 0, null], cohorts[1].StillGiving);
        Assert.Equal([1, 1, null, null, null, null], cohorts[4].StillGiving);
        Assert.Equal([1.0, 2 / 3d, 2 / 3d, 1.0, 2 / 3d, 2 / 3d], cohorts[0].Shares.Select(s => s!.Value));
        Assert.All(cohorts[2].Shares, share => Assert.Null(share));
    }

    [Fact]
    public async Task A_movement_links_to_the_contributions_behind_it_and_exports_them()
    {
        var page = await (await fixture.Staff.GetAsync($"/staff/reports/movements?{Range}")).ReadHtmlAsync();
        var link = page.QuerySelector("#movements tr[data-month='2025-03'] td[data-kind='Contraction'] a")!;
        Assert.Equal("$8.00 (1)", link.TextContent);

        var drill = await (await fixture.Staff.GetAsync(link.GetAttribute("href")!)).ReadHtmlAsync();
        var cells = drill.QuerySelectorAll("#drill tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal("b@movements.example", Assert.Single(cells)[2]);
        Assert.Equal(["$20.00", "$12.00"], cells[0][5..7]);
        Assert.Equal(2, page.QuerySelectorAll("svg[role=img]").Length);   // movements bars and the cohort heat map
        Assert.Equal(2, page.QuerySelectorAll("figure details table").Length);

        var csv = await fixture.Staff.GetStringAsync($"/staff/reports/movements.csv?{Range}&month=2025-03&kind=involuntarychurn");
        var lines = csv.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("Month,Movement,SupporterId,Email,ContributionId,Frequency,MrrBefore,MrrAfter,Change,Currency,EndReason", lines[0]);
        // The change is a number (-5.00), not text escaped by the CSV-injection guard ('-5.00).
        Assert.Matches(@"^2025-03,InvoluntaryChurn,\d+,c@movements\.example,\d+,Month,5\.00,0\.00,-5\.00,usd,PaymentFailed$", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task Exports_filter_by_frequency()
    {
        var annual = await fixture.Staff.GetStringAsync($"/staff/reports/payments.csv?{Range}&frequency=year");
        var once = await fixture.Staff.GetStringAsync($"/staff/reports/supporters.csv?{Range}&frequency=once");
        var bad = await fixture.Staff.GetAsync($"/staff/reports/payments.csv?{Range}&frequency=weekly");

        // Annual invoices issued in the range: G's of May 12 and D's renewal of Jun 10 (D's 2024 invoice is before it).
        Assert.Equal(["in_mv_d-2025", "in_mv_g-2025"], Rows(annual).Select(r => r.Split(',')[0]).Order(StringComparer.Ordinal));
        Assert.Equal("e@movements.example", Assert.Single(Rows(once)).Split(',')[1]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("frequency must be month, year or once", await bad.Content.ReadAsStringAsync());
    }

    private static string[] Rows(string csv) => csv.Trim().Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).ToArray();

    [Theory]
    [InlineData("kind=sideways", "kind must be one of")]
    [InlineData("kind=1", "kind must be one of")]
    [InlineData("month=March", "month must be a month")]
    [InlineData("from=2025-13", "from must be a month")]
    public async Task Bad_drill_downs_are_a_400_that_says_why(string query, string message)
    {
        var page = await fixture.Staff.GetAsync("/staff/reports/movements?" + query);
        var csv = await fixture.Staff.GetAsync("/staff/reports/movements.csv?" + query);

        Assert.All([page, csv], answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        Assert.Contains(message, await page.Content.ReadAsStringAsync());
        Assert.Contains(message, await csv.Content.ReadAsStringAsync());
    }
}
