using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Articles;

namespace Support.Web.Articles;

/// <summary>Loads the content folder into the catalog at start and records each article's row for reports.</summary>
public sealed class ArticleLoader(
    ArticleCatalog catalog,
    SupportDbContext db,
    IOptions<ArticleOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<ArticleLoader> logger)
{
    public async Task LoadAsync(CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Value.ContentPath, environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Articles:ContentPath '{folder}' does not exist. Point it at a folder of Markdown articles.");
        }
        var articles = new List<ArticleContent>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            articles.Add(ArticleFileParser.Parse(Path.GetFileName(file), await File.ReadAllTextAsync(file, ct)));
        }
        var duplicate = articles.GroupBy(a => a.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two articles in '{folder}' share the slug '{duplicate.Key}'.");
        }

        await SyncRowsAsync(articles, ct);
        catalog.Replace(articles);
        logger.LogInformation("Loaded {Count} articles from {Folder}", articles.Count, folder);
    }

    /// <summary>
    /// Instances starting together insert the same new slugs; the unique index lets one win, and the loser syncs
    /// again over the rows it now finds.
    /// </summary>
    private async Task SyncRowsAsync(List<ArticleContent> articles, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TrySyncRowsAsync(articles, ct);
                return;
            }
            catch (DbUpdateException e) when (attempt < 3)
            {
                logger.LogInformation(e, "Another instance recorded the same articles first; syncing again");
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task TrySyncRowsAsync(List<ArticleContent> articles, CancellationToken ct)
    {
        var rows = await db.Articles.ToDictionaryAsync(a => a.Slug, ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var article in articles)
        {
            if (!rows.TryGetValue(article.Slug, out var row))
            {
                row = new Article { Slug = article.Slug, Title = article.Title, ContentHash = "" };
                db.Articles.Add(row);
            }
            if (row.ContentHash != article.ContentHash)
            {
                row.Title = article.Title;
                row.PublishedAt = article.PublishedAt;
                row.ContentHash = article.ContentHash;
                // A content file owns its slug, even one an embedded page was registered under first.
                row.Origin = null;
                row.UpdatedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
