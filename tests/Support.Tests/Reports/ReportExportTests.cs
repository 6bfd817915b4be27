using System.Text.Json;
using Support.Data.Staff;
using Support.Tests.Staff;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>The CSV exports and the JSON summary on <see cref="ReportHistory"/>.</summary>
public sealed class ReportExportTests(ReportFigureTests.Fixture fixture) : IClassFixture<ReportFigureTests.Fixture>
{
    private const string Range = $"from={ReportHistory.From}&to={ReportHistory.To}";

    [Fact]
    public async Task Supporters_csv_has_its_header_and_the_dollar_contributions_live_in_the_range()
    {
        var answer = await fixture.Staff.GetAsync("/staff/reports/supporters.csv?" + Range);
        var lines = (await answer.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("supporters-2025-01-to-2025-04-usd.csv", answer.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("SupporterId,Email,StripeCustomerId,StripeSubscriptionId,Frequency,Status,MonthlyAmount,Currency,StartedAt,CancelledAt,ArticleSlug", lines[0]);
        Assert.Equal(5, lines.Length); // A, B, C, D; not E (euro) nor F (never completed)
        Assert.Contains(lines, l => l.EndsWith(",cus_c,sub_c,Month,Canceled,25.00,usd,2025-02-05T12:00:00Z,2025-03-15T12:00:00Z,a2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised()
    {
        var csv = await fixture.Staff.GetStringAsync("/staff/reports/supporters.csv?" + Range);
        var emails = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[1]).Order(StringComparer.Ordinal).ToList();

        // The emails begin with = + - @; each is prefixed with a quote (and the field quoted, as RFC 4180 allows).
        Assert.Equal(["\"'+b@example.com\"", "\"'-c@example.com\"", "\"'=a@example.com\"", "\"'@d@example.com\""], emails);
    }

    [Fact]
    public async Task Negative_amounts_stay_numbers_while_text_that_a_spreadsheet_could_run_stays_guarded()
    {
        // A lost dispute's net (-5.00) beside text cells that start like a formula, one of them like arithmetic.
        PaymentCsvRow[] rows =
        [
            new("=cmd|' /C calc'!A0", "-1+2", "sub_x", "Month", "Paid", 13.00m, 0.00m, -5.00m, "usd", "2025-03-03T12:00:00Z", null, null, "Lost", 18.00m),
        ];
        using var body = new MemoryStream();

        await ReportExports.WriteAsync(body, rows.ToAsyncEnumerable(), CancellationToken.None);

        var lines = System.Text.Encoding.UTF8.GetString(body.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"'=cmd|' /C calc'!A0\",\"'-1+2\",sub_x,Month,Paid,13.00,0.00,-5.00,usd,2025-03-03T12:00:00Z,,,Lost,18.00", lines[1]);
    }

    [Fact]
    public async Task Payments_csv_lists_every_dollar_invoice_issued_in_the_range_with_refunds_and_net()
    {
        var lines = (await fixture.Staff.GetStringAsync("/staff/reports/payments.csv?" + Range)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("StripeInvoiceId,Email,StripeSubscriptionId,Frequency,Status,Amount,Refunded,Net,Currency,CreatedAt,PaidAt,FirstFailedAt,Dispute,DisputeLoss", lines[0]);
        Assert.Equal(1 + 12, lines.Length); // A 4, B 4, C 2, D 2
        Assert.Contains("in_c-feb,\"'-c@example.com\",sub_c,Month,Paid,25.00,10.00,15.00,usd,2025-02-05T12:00:00Z,2025-02-05T12:00:00Z,,None,0.00", lines);
        Assert.Contains("in_b-feb,\"'+b@example.com\",sub_b,Month,Paid,3.00,0.00,3.00,usd,2025-02-28T23:30:00Z,2025-03-02T12:00:00Z,2025-02-28T23:30:00Z,None,0.00", lines);
        Assert.Contains("in_d-apr,\"'@d@example.com\",sub_d,Month,Failed,2.00,0.00,0.00,usd,2025-04-03T12:00:00Z,,2025-04-03T12:00:00Z,None,0.00", lines);
    }

    [Fact]
    public async Task The_json_summary_has_the_documented_shape()
    {
        using var json = JsonDocument.Parse(await fixture.Staff.GetStringAsync("/staff/api/summary?" + Range));
        var root = json.RootElement;

        Assert.Equal(["currency", "from", "to", "generatedAt", "activeSupporters", "mrrCents", "amounts", "months", "reminders", "funnel", "cancellations", "unknownStatuses", "keeping", "oneTimeRevenueCents"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("usd", root.GetProperty("currency").GetString());
        Assert.Equal("2025-01", root.GetProperty("from").GetString());
        Assert.Equal("2025-04", root.GetProperty("to").GetString());
        Assert.Equal(["count", "averageCents", "medianCents", "distribution"], root.GetProperty("amounts").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["label", "minCents", "maxCents", "count"], root.GetProperty("amounts").GetProperty("distribution")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["month", "newSupporters", "cancelledSupporters", "netChange", "revenueCents", "mrrCents", "failedPayments", "recoveredPayments", "oneTimeGifts", "oneTimeRevenueCents"],
            root.GetProperty("months")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["articleSlug", "promptViews", "checkoutStarts", "newSupporters", "conversionRate", "title"],
            root.GetProperty("funnel")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["endingAtPeriodEnd", "requestedInRange", "reasons"], root.GetProperty("cancellations").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("mrrCents").ValueKind);
    }

    [Fact]
    public async Task The_json_summary_defaults_to_the_last_twelve_months()
    {
        using var admin = await fixture.StaffBrowserAsync(StaffRoles.Admin);
        using var json = JsonDocument.Parse(await admin.GetStringAsync("/staff/api/summary"));

        var months = json.RootElement.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("month").GetString()).ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM"), months[^1]);
    }
}
