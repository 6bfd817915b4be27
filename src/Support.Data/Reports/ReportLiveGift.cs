using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Data.Supporters;

namespace Support.Data.Reports;

/// <summary>
/// How many live contributions (<see cref="ContributionRules.IsLive"/>) share a currency, a frequency, an amount and
/// the two flags the figures split by, kept up to date by deltas in the same transaction as the ledger change (like
/// <see cref="ReportMonth"/>, ADR 0021), so MRR now and the amount figures read a few rows instead of every live gift.
/// </summary>
public sealed class ReportLiveGift
{
    public required string Currency { get; set; }
    public GiftFrequency Frequency { get; set; }
    public long AmountCents { get; set; }
    public bool Paused { get; set; }
    public bool CancelAtPeriodEnd { get; set; }
    public int Count { get; set; }
}

internal sealed class ReportLiveGiftConfiguration : IEntityTypeConfiguration<ReportLiveGift>
{
    public void Configure(EntityTypeBuilder<ReportLiveGift> builder)
    {
        builder.HasKey(g => new { g.Currency, g.Frequency, g.AmountCents, g.Paused, g.CancelAtPeriodEnd });
        builder.Property(g => g.Currency).HasMaxLength(3);
        builder.Property(g => g.Frequency).HasConversion<string>().HasMaxLength(8);
    }
}
