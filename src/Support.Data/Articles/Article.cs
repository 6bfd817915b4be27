using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Articles;

/// <summary>An article as loaded from the content folder; the row gives reports a stable key per article.</summary>
public sealed class Article
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public DateTime PublishedAt { get; set; }
    /// <summary>SHA-256 of the source file, so start-up only writes rows whose content changed.</summary>
    public required string ContentHash { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(200);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(500);
        builder.Property(a => a.ContentHash).HasMaxLength(64);
    }
}
