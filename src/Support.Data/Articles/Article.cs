using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Articles;

/// <summary>
/// An article as loaded from the content folder, or a page of the publisher's own site that showed the embedded
/// prompt (registered on first sight, ADR 0017); the row gives reports and experiments a stable key per article.
/// </summary>
public sealed class Article
{
    public long Id { get; set; }
    /// <summary>The content file's slug, or an embedded page's <c>host[:port]/path</c>.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>From the front matter; for an embedded page, when Support first saw it.</summary>
    public DateTime PublishedAt { get; set; }
    /// <summary>SHA-256 of the source file, so start-up only writes rows whose content changed; empty for an embedded page.</summary>
    public required string ContentHash { get; set; }
    /// <summary>The publisher's origin (<c>https://news.example.org</c>) of an embedded page; null for Support's own articles.</summary>
    public string? Origin { get; set; }
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
        builder.Property(a => a.Origin).HasMaxLength(200);
    }
}
