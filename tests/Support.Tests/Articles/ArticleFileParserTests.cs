using Support.Web.Articles;

namespace Support.Tests.Articles;

public sealed class ArticleFileParserTests
{
    [Fact]
    public void Front_matter_and_markdown_become_an_article()
    {
        var article = ArticleFileParser.Parse("a-story.md", "---\ntitle: \"A Story\"\npublished: 2026-01-02\nauthor: Desk\n---\nFirst *para*.\n");

        Assert.Equal("a-story", article.Slug);
        Assert.Equal("A Story", article.Title);
        Assert.Equal(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), article.PublishedAt);
        Assert.Contains("<em>para</em>", article.BodyHtml);
    }

    [Fact]
    public void Raw_html_in_an_article_is_escaped_not_executed()
    {
        var article = ArticleFileParser.Parse("x.md", "---\ntitle: X\n---\n<script>alert(1)</script>\n");

        Assert.DoesNotContain("<script>", article.BodyHtml);
    }

    [Theory]
    [InlineData("---\nslug: Bad Slug\ntitle: X\n---\nbody")]
    [InlineData("---\nauthor: nobody\n---\nno title")]
    [InlineData("---\ntitle: never closed\nbody")]
    public void Invalid_article_files_are_refused_with_the_reason(string text) =>
        Assert.Throws<FormatException>(() => ArticleFileParser.Parse("file.md", text));
}
