using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Reports;

/// <summary>
/// A supporter with at least one live contribution in a currency, kept beside the ledger (ADR 0021): recomputed for the
/// supporters each save touches, so the summary counts active supporters on a narrow key instead of a distinct pass
/// over every live gift.
/// </summary>
public sealed class ReportActiveSupporter
{
    public required string Currency { get; set; }
    public long SupporterId { get; set; }
}

internal sealed class ReportActiveSupporterConfiguration : IEntityTypeConfiguration<ReportActiveSupporter>
{
    public void Configure(EntityTypeBuilder<ReportActiveSupporter> builder)
    {
        builder.HasKey(s => new { s.Currency, s.SupporterId });
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.HasIndex(s => s.SupporterId);
    }
}
