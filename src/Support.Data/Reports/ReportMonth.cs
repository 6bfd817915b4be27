using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Reports;

/// <summary>
/// One UTC month's totals for a currency and a billing frequency, kept up to date by deltas in the same transaction
/// as the ledger change that causes them (ADR 0015), so reports read a row instead of scanning invoices.
/// Definitions: docs/reports.md ("Per month"); <c>reports rebuild</c> recomputes every row from the ledger.
/// </summary>
public sealed class ReportMonth
{
    public required string Currency { get; set; }
    /// <summary>Midnight UTC of the month's first day.</summary>
    public DateTime Month { get; set; }
    /// <summary>
    /// The gift frequency of the ledger rows it adds up: <c>month</c>, <c>year</c> or <c>once</c> (a payment counts under
    /// its contribution's frequency), so reports read monthly, annual and one-time figures apart without a join.
    /// </summary>
    public required string Frequency { get; set; }
    /// <summary>Amounts of the invoices created in the month (MRR at month end, before the same-month endings).</summary>
    public long IssuedCents { get; set; }
    /// <summary>
    /// Of <see cref="IssuedCents"/>, the invoices of gifts that ended in the same month, so that MRR at the month's end
    /// (issued less these, for monthly gifts) is read from the row rather than joined from the ledger.
    /// </summary>
    public long EndedIssuedCents { get; set; }
    /// <summary>Paid in the month: amount − refunded − dispute loss.</summary>
    public long RevenueCents { get; set; }
    /// <summary>Payments paid in the month (by when they were paid): for <c>once</c>, the one-time gifts.</summary>
    public int PaidPayments { get; set; }
    public int FailedPayments { get; set; }
    public int RecoveredPayments { get; set; }
    public int NewSupporters { get; set; }
    public int CancelledSupporters { get; set; }
    /// <summary>
    /// On the <c>year</c> row: how the annual gifts' share of MRR at the month's end changed from the month before (a
    /// twelfth of each gift in force); MRR at a month's end adds these up to it (ADR 0021).
    /// </summary>
    public long AnnualMrrChangeCents { get; set; }
}

internal sealed class ReportMonthConfiguration : IEntityTypeConfiguration<ReportMonth>
{
    public void Configure(EntityTypeBuilder<ReportMonth> builder)
    {
        builder.HasKey(m => new { m.Currency, m.Month, m.Frequency });
        builder.Property(m => m.Currency).HasMaxLength(3);
        builder.Property(m => m.Frequency).HasMaxLength(8);
    }
}
