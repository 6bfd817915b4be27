using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Prompt;

/// <summary>
/// Prompt views and checkout starts per article per UTC day. Counted in memory and added here in periodic
/// flushes (one upsert per article and day), never one write per page view.
/// </summary>
public sealed class PromptDailyStat
{
    /// <summary>Empty for prompts shown outside an article (the /support page).</summary>
    public required string ArticleSlug { get; set; }
    /// <summary>Midnight UTC of the day.</summary>
    public DateTime Day { get; set; }
    public long Views { get; set; }
    public long CheckoutStarts { get; set; }
}

internal sealed class PromptDailyStatConfiguration : IEntityTypeConfiguration<PromptDailyStat>
{
    public void Configure(EntityTypeBuilder<PromptDailyStat> builder)
    {
        builder.ToTable("PromptDailyStats");
        builder.HasKey(s => new { s.ArticleSlug, s.Day });
        builder.Property(s => s.ArticleSlug).HasMaxLength(200);
        builder.HasIndex(s => s.Day);
    }
}
