using Ganss.Xss;
using Markdig;

namespace Support.Web.Articles;

/// <summary>
/// Markdown to HTML that runs no script, whoever wrote the file: Markdig without raw HTML, generic attributes
/// (<c>{onerror=…}</c>) or media embeds (iframes), then HtmlSanitizer over the result, which keeps only web and
/// mail links and drops inline styles (the Content-Security-Policy would block them anyway).
/// </summary>
public static class ArticleMarkup
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAbbreviations()
        .UseAutoIdentifiers()
        .UseCitations()
        .UseCustomContainers()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseFigures()
        .UseFooters()
        .UseFootnotes()
        .UseGridTables()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml() // content files are Markdown; raw HTML in them is shown as text, never executed
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Add("id"); // headings' anchors and footnotes
        sanitizer.AllowedAttributes.Add("class");
        return sanitizer;
    }
}
