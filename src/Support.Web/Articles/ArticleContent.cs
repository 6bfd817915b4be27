namespace Support.Web.Articles;

/// <summary>An article ready to serve: its body is rendered to HTML once, at load.</summary>
public sealed record ArticleContent(
    string Slug,
    string Title,
    string? Summary,
    string? Author,
    DateTime PublishedAt,
    string BodyHtml,
    string ContentHash);
