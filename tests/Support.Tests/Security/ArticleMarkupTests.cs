using Support.Web.Articles;

namespace Support.Tests.Security;

/// <summary>Finding 3: whatever an article file says, its page runs no script and links only to web and mail addresses.</summary>
public sealed class ArticleMarkupTests
{
    public static TheoryData<string> Hostile() =>
    [
        "![x](x){onerror=\"alert(1)\"}",
        "[a](x){onclick=alert(1)}",
        "# Heading {onmouseover=alert(1)}",
        "[a](javascript:alert(1))",
        "[a](JavaScript:alert(1))",
        "[a]( javascript:alert(1))",
        "[a](java&#09;script:alert(1))",
        "[a](vbscript:msgbox(1))",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![a](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[a]: javascript:alert(1)\n\n[b][a]",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "![video](https://www.youtube.com/watch?v=xyz)",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_article_renders_without_script_or_unsafe_links(string body)
    {
        var html = ArticleFileParser.Parse("x.md", "---\ntitle: X\n---\n" + body + "\n").BodyHtml;

        Assert.DoesNotMatch("(?i)<[^>]*\\son[a-z]+\\s*=", html);
        Assert.DoesNotMatch("(?i)(href|src)\\s*=\\s*\"\\s*(javascript|vbscript|data):", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_links_images_and_tables()
    {
        var html = ArticleFileParser.Parse("x.md", "---\ntitle: X\n---\n"
            + "A [link](https://example.org/a?b=1) and ![photo](/images/p.jpg \"Caption\") and mail@example.org.\n\n"
            + "| a | b |\n|---|--:|\n| 1 | 2 |\n\n## Sub heading\n").BodyHtml;

        Assert.Contains("<a href=\"https://example.org/a?b=1\">link</a>", html);
        Assert.Contains("<img src=\"/images/p.jpg\" alt=\"photo\" title=\"Caption\">", html);
        Assert.Contains("<table>", html);
        Assert.Contains("id=\"sub-heading\"", html);
    }
}
