using System.ComponentModel.DataAnnotations;

namespace Support.Web.Articles;

public sealed class ArticleOptions
{
    public const string Section = "Articles";

    /// <summary>Folder of Markdown articles with front matter, relative to the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ContentPath { get; set; } = "Content/articles";
}
