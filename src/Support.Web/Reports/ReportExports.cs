using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// CSV exports of a report range, streamed row by row. Text cells that a spreadsheet would run as a formula (starting
/// with = + - @, tab or carriage return) are prefixed with a single quote. Amounts are decimal columns, which the guard
/// leaves alone (a number is not a formula), so a negative amount stays a number: -2.00, not '-2.00.
/// </summary>
public sealed class ReportExports(SupportDbContext db)
{
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
    };

    /// <summary>Contributions in the currency that were live at some time in the range, of one frequency or all (null).</summary>
    public Task<IResult> SupportersAsync(ReportRange range, GiftFrequency? frequency, CancellationToken ct)
    {
        var (from, to, currency) = (range.From, range.To, range.Currency);
        var rows = db.Contributions.AsNoTracking()
            .Where(c => c.Currency == currency && c.StartedAt < to && (c.CancelledAt == null || c.CancelledAt >= from))
            .Where(c => frequency == null || c.Frequency == frequency)
            .Where(ContributionRules.Real)
            .OrderBy(c => c.Id)
            .Select(c => new { c.SupporterId, c.Supporter.Email, c.Supporter.StripeCustomerId, c.StripeSubscriptionId, c.Frequency, c.Status,
                c.AmountCents, c.Currency, c.StartedAt, c.CancelledAt, c.ArticleSlug })
            .AsAsyncEnumerable();
        return Task.FromResult(Stream($"supporters-{Name(range)}.csv", rows, c => new SupporterCsvRow(c.SupporterId, c.Email,
            c.StripeCustomerId, c.StripeSubscriptionId, c.Frequency.ToString(), c.Status.ToString(), Decimal(ReportMrr.MonthlyCents(c.Frequency, c.AmountCents)), c.Currency,
            Time(c.StartedAt), Time(c.CancelledAt), c.ArticleSlug), ct));
    }

    /// <summary>Invoices in the currency issued in the range, of gifts of one frequency or all (null).</summary>
    public Task<IResult> PaymentsAsync(ReportRange range, GiftFrequency? frequency, CancellationToken ct)
    {
        var (from, to, currency) = (range.From, range.To, range.Currency);
        var rows = db.Payments.AsNoTracking()
            .Where(p => p.Currency == currency && p.CreatedAt >= from && p.CreatedAt < to)
            .Where(p => frequency == null || p.Contribution.Frequency == frequency)
            .OrderBy(p => p.Id)
            .Select(p => new { p.StripeInvoiceId, p.Contribution.Supporter.Email, p.Contribution.StripeSubscriptionId, p.Contribution.Frequency, p.Status,
                p.AmountCents, p.RefundedCents, p.Currency, p.CreatedAt, p.PaidAt, p.FirstFailedAt, p.DisputeStatus, p.DisputeLossCents })
            .AsAsyncEnumerable();
        return Task.FromResult(Stream($"payments-{Name(range)}.csv", rows, p => new PaymentCsvRow(p.StripeInvoiceId, p.Email,
            p.StripeSubscriptionId, p.Frequency.ToString(), p.Status.ToString(), Decimal(p.AmountCents), Decimal(p.RefundedCents),
            Decimal(p.Status == PaymentStatus.Paid ? p.AmountCents - p.RefundedCents - p.DisputeLossCents : 0), p.Currency,
            Time(p.CreatedAt), Time(p.PaidAt), Time(p.FirstFailedAt), p.DisputeStatus.ToString(), Decimal(p.DisputeLossCents)), ct));
    }

    /// <summary>The contributions behind MRR movements (already computed and filtered), as movements.csv.</summary>
    public IResult Movements(ReportRange range, IReadOnlyList<MovementRow> rows, CancellationToken ct) =>
        Stream($"movements-{Name(range)}.csv", rows.ToAsyncEnumerable(), r => new MovementCsvRow(r.Month, r.Kind.ToString(), r.SupporterId,
            r.Email, r.ContributionId, r.Frequency, Decimal(r.BeforeCents), Decimal(r.AfterCents), Decimal(r.AfterCents - r.BeforeCents),
            range.Currency, r.EndReason), ct);

    private static IResult Stream<TSource, TRow>(string fileName, IAsyncEnumerable<TSource> source, Func<TSource, TRow> map, CancellationToken ct) =>
        Results.Stream(body => WriteAsync(body, Rows(source, map, ct), ct), "text/csv; charset=utf-8", fileName);

    /// <summary>Writes the rows, with their header, as every export writes them.</summary>
    internal static async Task WriteAsync<TRow>(Stream body, IAsyncEnumerable<TRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, Csv, leaveOpen: true);
        await csv.WriteRecordsAsync(rows, ct);
    }

    private static async IAsyncEnumerable<TRow> Rows<TSource, TRow>(IAsyncEnumerable<TSource> source, Func<TSource, TRow> map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in source.WithCancellation(ct))
        {
            yield return map(item);
        }
    }

    private static string Name(ReportRange range) => $"{ReportRange.MonthKey(range.From)}-to-{ReportRange.MonthKey(range.To.AddMonths(-1))}-{range.Currency}";

    /// <summary>Cents as a decimal of scale 2 (a product keeps the scales of its factors), written "5.00", "-2.00".</summary>
    private static decimal Decimal(long cents) => cents * 0.01m;

    /// <summary>ISO 8601 UTC, e.g. 2026-01-31T23:59:59Z.</summary>
    private static string Time(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string? Time(DateTime? value) => value is { } v ? Time(v) : null;
}
