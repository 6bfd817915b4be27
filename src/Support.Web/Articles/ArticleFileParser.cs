using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Support.Web.Articles;

/// <summary>Reads a Markdown article with YAML front matter (title, slug, published, author, summary).</summary>
public static partial class ArticleFileParser
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static ArticleContent Parse(string fileName, string text)
    {
        var (frontMatter, body) = Split(text);
        var meta = frontMatter is null ? new FrontMatter() : Yaml.Deserialize<FrontMatter?>(frontMatter) ?? new FrontMatter();
        var slug = (meta.Slug ?? Path.GetFileNameWithoutExtension(fileName)).Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug))
        {
            throw new FormatException($"{fileName}: slug '{slug}' must be lower-case letters, digits and single hyphens.");
        }
        if (string.IsNullOrWhiteSpace(meta.Title))
        {
            throw new FormatException($"{fileName}: front matter needs a 'title'.");
        }
        var published = string.IsNullOrWhiteSpace(meta.Published)
            ? DateTime.UnixEpoch
            : DateTime.Parse(meta.Published, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new ArticleContent(slug, meta.Title.Trim(), meta.Summary?.Trim(), meta.Author?.Trim(), published,
            ArticleMarkup.ToHtml(body), hash);
    }

    private static (string? FrontMatter, string Body) Split(string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!normalised.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, normalised);
        }
        var end = normalised.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException("Front matter starts with '---' but has no closing '---' line.");
        }
        var bodyStart = normalised.IndexOf('\n', end + 4);
        return (normalised[4..end], bodyStart < 0 ? "" : normalised[(bodyStart + 1)..]);
    }

    private sealed class FrontMatter
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Published { get; set; }
        public string? Author { get; set; }
        public string? Summary { get; set; }
    }
}
