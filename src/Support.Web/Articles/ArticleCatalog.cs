using System.Collections.Frozen;

namespace Support.Web.Articles;

/// <summary>The articles in memory, newest first: page views never touch the database.</summary>
public sealed class ArticleCatalog
{
    private FrozenDictionary<string, ArticleContent> _bySlug = FrozenDictionary<string, ArticleContent>.Empty;

    public IReadOnlyList<ArticleContent> All { get; private set; } = [];

    public ArticleContent? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    public void Replace(IEnumerable<ArticleContent> articles)
    {
        var list = articles.OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Slug, StringComparer.Ordinal).ToList();
        _bySlug = list.ToFrozenDictionary(a => a.Slug, StringComparer.OrdinalIgnoreCase);
        All = list;
    }
}
