using System.Net;
using System.Net.Http.Json;
using Support.Data;
using Support.Tests.Infrastructure;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>Every figure of the report on <see cref="ReportHistory"/>, computed by hand.</summary>
public sealed class ReportFigureTests(ReportFigureTests.Fixture fixture) : IClassFixture<ReportFigureTests.Fixture>
{
    public sealed class Fixture : ReportApp
    {
        protected override Task InsertHistoryAsync(SupportDbContext db) => ReportHistory.InsertAsync(db);
    }

    private async Task<ReportSummary> SummaryAsync() =>
        (await fixture.Staff.GetFromJsonAsync<ReportSummary>($"/staff/api/summary?from={ReportHistory.From}&to={ReportHistory.To}"))!;

    [Fact]
    public async Task Active_supporters_and_mrr_now_count_live_dollar_contributions_at_their_current_amounts()
    {
        var summary = await SummaryAsync();

        // Live in usd: A (active, $10 since the change), B (active, $3), D (past due, $2). C cancelled, E euro, F incomplete.
        Assert.Equal(3, summary.ActiveSupporters);
        Assert.Equal(1000 + 300 + 200, summary.MrrCents);
    }

    [Fact]
    public async Task Average_median_and_distribution_use_current_monthly_amounts()
    {
        var amounts = (await SummaryAsync()).Amounts;

        Assert.Equal(3, amounts.Count);
        Assert.Equal(500, amounts.AverageCents);  // (1000 + 300 + 200) / 3
        Assert.Equal(300, amounts.MedianCents);   // 200, [300], 1000
        Assert.Equal([("$2", 1), ("$3–4", 1), ("$5–9", 0), ("$10–24", 1), ("$25+", 0)],
            amounts.Distribution.Select(b => (b.Label, b.Count)));
    }

    [Fact]
    public async Task Distribution_is_labelled_in_the_report_currency()
    {
        var euro = (await fixture.Staff.GetFromJsonAsync<ReportSummary>(
            $"/staff/api/summary?from={ReportHistory.From}&to={ReportHistory.To}&currency=eur"))!;

        Assert.Equal(["€2", "€3–4", "€5–9", "€10–24", "€25+"], euro.Amounts.Distribution.Select(b => b.Label));
    }

    [Fact]
    public async Task New_cancelled_and_net_supporters_per_month()
    {
        var months = (await SummaryAsync()).Months;

        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04"], months.Select(m => m.Month));
        Assert.Equal([2, 1, 1, 0], months.Select(m => m.NewSupporters));       // Jan: A, B (23:30 on the 31st); Feb: C; Mar: D
        Assert.Equal([0, 0, 1, 0], months.Select(m => m.CancelledSupporters)); // Mar: C
        Assert.Equal([2, 1, 0, 0], months.Select(m => m.NetChange));
    }

    [Fact]
    public async Task Revenue_is_paid_minus_refunded_by_the_month_of_payment()
    {
        var months = (await SummaryAsync()).Months;

        Assert.Equal(
        [
            500 + 300,                 // Jan: A, B
            500 + (2500 - 1000),       // Feb: A, C less its $10 refund (B's February invoice failed this month)
            500 + 300 + 2500 + 200,    // Mar: A, B's February invoice recovered on Mar 2, C, D
            1000 + 300 + 300,          // Apr: A at $10, B's March invoice paid 00:00:05 Apr 1, B's April; D failed
        ], months.Select(m => m.RevenueCents));
    }

    [Fact]
    public async Task Mrr_per_month_is_the_amounts_in_force_at_the_end_of_the_month()
    {
        var months = (await SummaryAsync()).Months;

        Assert.Equal(
        [
            500 + 300,                 // Jan: A $5, B $3
            500 + 300 + 2500,          // Feb: A, B (its invoice failed but B stayed live), C
            500 + 300 + 200,           // Mar: A still $5 (the $10 starts with April's invoice), B, D; C ended in March
            1000 + 300 + 200,          // Apr: A $10, B, D (past due, still live)
        ], months.Select(m => m.MrrCents));
    }

    [Fact]
    public async Task Mrr_movements_explain_each_month_end_mrr_of_the_summary()
    {
        var summary = await SummaryAsync();
        var movements = (await fixture.Staff.GetFromJsonAsync<MrrMovementReport>(
            $"/staff/api/movements?from={ReportHistory.From}&to={ReportHistory.To}"))!.Months;
        long Cents(int month, MovementKind kind) => movements[month].Movements.Single(m => m.Kind == kind).Cents;

        Assert.Equal(summary.Months.Select(m => m.MrrCents), movements.Select(m => m.EndMrrCents));
        Assert.Equal(500 + 300, Cents(0, MovementKind.New));            // Jan: A, B
        Assert.Equal(2500, Cents(1, MovementKind.New));                 // Feb: C
        Assert.Equal(2500, Cents(2, MovementKind.VoluntaryChurn));      // Mar: C ended (no reason recorded: not a failed payment)
        Assert.Equal(200, Cents(2, MovementKind.New));                  // Mar: D
        Assert.Equal(1000 - 500, Cents(3, MovementKind.Expansion));     // Apr: A's first $10 invoice
        Assert.Equal([800L, 2500, -2300, 500], movements.Select(m => m.NetCents));
    }

    [Fact]
    public async Task Failed_payments_are_counted_in_the_month_of_first_failure_with_later_recoveries()
    {
        var months = (await SummaryAsync()).Months;

        Assert.Equal([0, 1, 0, 1], months.Select(m => m.FailedPayments));    // Feb: B's; Apr: D's
        Assert.Equal([0, 1, 0, 0], months.Select(m => m.RecoveredPayments)); // B's was paid on Mar 2
    }

    [Fact]
    public async Task Reminders_signed_up_for_in_the_range_with_what_became_of_them()
    {
        var reminders = (await SummaryAsync()).Reminders;

        // Scheduled in Jan–Apr: B's, C's, x (unsubscribed), y (pending); D's was signed up for in December.
        // Sent: B's and C's. Converted: B's only (gave 11 days after the send; C gave 33 days after).
        Assert.Equal(new ReminderFigures(Scheduled: 4, Sent: 2, Unsubscribed: 1, Converted: 1), reminders);
    }

    [Fact]
    public async Task The_prompt_funnel_counts_views_starts_and_new_supporters_per_article_in_the_range()
    {
        var funnel = (await SummaryAsync()).Funnel;

        // a1: 100 + 50 views (Dec 31 is outside), 5 + 2 starts, A and B (F never completed);
        // a2: 40 views, 1 start, C and E (the funnel counts every currency); D came from no article.
        Assert.Equal(
        [
            ("a1", 150L, 7L, 2, (double?)2 / 150),
            ("a2", 40L, 1L, 2, (double?)2 / 40),
            ("", 0L, 0L, 1, null),
        ], funnel.Select(f => (f.ArticleSlug, f.PromptViews, f.CheckoutStarts, f.NewSupporters, f.ConversionRate)));
        // An article Support knows (here an embedded page) is named by its title; a1 has no article row.
        Assert.Equal([null, "Storm closes the harbour", null], funnel.Select(f => f.Title));
    }

    [Fact]
    public async Task The_page_names_each_funnel_row_by_its_article_title_with_its_key()
    {
        var page = await (await fixture.Staff.GetAsync($"/staff/reports?from={ReportHistory.From}&to={ReportHistory.To}")).ReadHtmlAsync();

        var rows = page.QuerySelectorAll("#funnel tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["a1", "Storm closes the harbour" + "a2", "(no article)"], rows);
    }

    [Fact]
    public async Task The_page_shows_the_same_figures_in_its_month_table_and_charts()
    {
        var page = await (await fixture.Staff.GetAsync($"/staff/reports?from={ReportHistory.From}&to={ReportHistory.To}")).ReadHtmlAsync();

        var february = page.QuerySelector("#months tr[data-month='2025-02']")!.QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
        Assert.Equal(["1", "0", "1", "$20.00", "$33.00", "1", "1"], february);
        Assert.Equal(3, page.QuerySelectorAll("svg[role=img]").Length);
        Assert.All(page.QuerySelectorAll("svg[role=img]"), svg => Assert.NotEmpty(svg.QuerySelector("title")!.TextContent));
        Assert.Equal(3, page.QuerySelectorAll("figure details table").Length);
        Assert.Contains("$15.00", page.QuerySelector(".report-headline")!.TextContent);
    }

    [Theory]
    [InlineData("from=2025-13&to=2025-04", "from must be a month")]
    [InlineData("from=2025-05&to=2025-04", "must not be after")]
    [InlineData("from=2025-01&to=yesterday", "to must be a month")]
    [InlineData("currency=dollars", "three-letter code")]
    public async Task Bad_ranges_are_a_400_that_says_why(string query, string message)
    {
        var api = await fixture.Staff.GetAsync("/staff/api/summary?" + query);
        var page = await fixture.Staff.GetAsync("/staff/reports?" + query);
        var csv = await fixture.Staff.GetAsync("/staff/reports/payments.csv?" + query);

        Assert.All([api, page, csv], answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        Assert.Contains(message, await api.Content.ReadAsStringAsync());
        Assert.Contains(message, await page.Content.ReadAsStringAsync());
        Assert.Contains(message, await csv.Content.ReadAsStringAsync());
    }
}
