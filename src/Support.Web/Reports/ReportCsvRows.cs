using CsvHelper;

namespace Support.Web.Reports;

/// <summary>
/// One row of supporters.csv: a contribution with its supporter. Amounts are numbers with two decimals ("5.00", "-2.00":
/// written as numbers, so the CSV-injection guard leaves a minus sign alone), times ISO 8601 UTC.
/// MonthlyAmount is the amount in MRR: an annual gift's twelfth, 0 for a one-time gift (docs/reports.md).
/// </summary>
[CsvRecord]
public sealed partial record SupporterCsvRow(long SupporterId, string? Email, string StripeCustomerId, string? StripeSubscriptionId,
    string Frequency, string Status, decimal MonthlyAmount, string Currency, string StartedAt, string? CancelledAt, string? ArticleSlug);

/// <summary>
/// One row of payments.csv: an invoice. Net is paid minus refunded minus what a dispute cost (its fee, and the amount
/// once lost); 0 unless paid.
/// </summary>
[CsvRecord]
public sealed partial record PaymentCsvRow(string StripeInvoiceId, string? Email, string? StripeSubscriptionId, string Frequency, string Status,
    decimal Amount, decimal Refunded, decimal Net, string Currency, string CreatedAt, string? PaidAt, string? FirstFailedAt,
    string Dispute, decimal DisputeLoss);

/// <summary>
/// One row of movements.csv: a contribution behind a supporter's MRR movement in a month, with what it added to MRR
/// at the end of the month before and of the month, and the change (after − before: negative for contraction and churn).
/// </summary>
[CsvRecord]
public sealed partial record MovementCsvRow(string Month, string Movement, long SupporterId, string? Email, long ContributionId,
    string Frequency, decimal MrrBefore, decimal MrrAfter, decimal Change, string Currency, string? EndReason);
