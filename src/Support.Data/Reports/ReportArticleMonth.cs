using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Reports;

/// <summary>
/// How many real contributions (any currency and frequency) started in a UTC month from one article's prompt (empty
/// slug: from elsewhere), kept by deltas with every ledger change (ADR 0021), so the prompt funnel counts gifts per
/// article without reading them.
/// </summary>
public sealed class ReportArticleMonth
{
    public required string ArticleSlug { get; set; }
    /// <summary>Midnight UTC of the month's first day.</summary>
    public DateTime Month { get; set; }
    public int NewGifts { get; set; }
}

internal sealed class ReportArticleMonthConfiguration : IEntityTypeConfiguration<ReportArticleMonth>
{
    public void Configure(EntityTypeBuilder<ReportArticleMonth> builder)
    {
        builder.HasKey(m => new { m.ArticleSlug, m.Month });
        builder.Property(m => m.ArticleSlug).HasMaxLength(200);
    }
}
