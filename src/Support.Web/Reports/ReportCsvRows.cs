using CsvHelper;

namespace Support.Web.Reports;

/// <summary>
/// One row of supporters.csv: a contribution with its supporter. Amounts are decimals ("5.00"), times ISO 8601 UTC.
/// MonthlyAmount is the amount in MRR: an annual gift's twelfth, 0 for a one-time gift (docs/reports.md).
/// </summary>
[CsvRecord]
public sealed partial record SupporterCsvRow(long SupporterId, string? Email, string StripeCustomerId, string? StripeSubscriptionId,
    string Frequency, string Status, string MonthlyAmount, string Currency, string StartedAt, string? CancelledAt, string? ArticleSlug);

/// <summary>
/// One row of payments.csv: an invoice. Net is paid minus refunded minus what a dispute cost (its fee, and the amount
/// once lost); 0 unless paid.
/// </summary>
[CsvRecord]
public sealed partial record PaymentCsvRow(string StripeInvoiceId, string? Email, string? StripeSubscriptionId, string Frequency, string Status,
    string Amount, string Refunded, string Net, string Currency, string CreatedAt, string? PaidAt, string? FirstFailedAt,
    string Dispute, string DisputeLoss);

/// <summary>
/// One row of movements.csv: a contribution behind a supporter's MRR movement in a month, with what it added to MRR
/// at the end of the month before and of the month (no signed change column: a cell starting with "-" would be
/// escaped as text; docs/reports.md, "MRR movements").
/// </summary>
[CsvRecord]
public sealed partial record MovementCsvRow(string Month, string Movement, long SupporterId, string? Email, long ContributionId,
    string Frequency, string MrrBefore, string MrrAfter, string Currency, string? EndReason);
