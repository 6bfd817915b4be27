using System.Text;

namespace Support.Web.Articles;

/// <summary>
/// One rendered variant of an article page as UTF-8 segments; the per-view form token goes between them.
/// A page without the prompt is a single segment.
/// </summary>
public sealed class ArticlePageTemplate
{
    private readonly byte[][] _segments;
    private readonly int _length;

    private ArticlePageTemplate(byte[][] segments)
    {
        _segments = segments;
        _length = segments.Sum(s => s.Length);
    }

    public bool NeedsToken => _segments.Length > 1;

    /// <summary>Cuts the rendered HTML at each occurrence of <paramref name="placeholder"/> (none when null).</summary>
    public static ArticlePageTemplate From(string html, string? placeholder)
    {
        var parts = placeholder is null ? [html] : html.Split(placeholder);
        if (placeholder is not null && parts.Length < 2)
        {
            throw new InvalidOperationException("The rendered prompt does not contain its form token placeholder.");
        }
        return new ArticlePageTemplate([.. parts.Select(Encoding.UTF8.GetBytes)]);
    }

    /// <summary>The page with <paramref name="token"/> (ASCII, never HTML-encoded: hex) in each gap.</summary>
    public int Write(Span<byte> destination, string? token)
    {
        if (NeedsToken != token is not null)
        {
            throw new ArgumentException(NeedsToken ? "This page needs a form token." : "This page has no form token.", nameof(token));
        }
        var written = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            if (i > 0)
            {
                written += Encoding.ASCII.GetBytes(token!, destination[written..]);
            }
            _segments[i].CopyTo(destination[written..]);
            written += _segments[i].Length;
        }
        return written;
    }

    public int LengthWith(string? token) => _length + (_segments.Length - 1) * (token?.Length ?? 0);

    public string ToHtml(string? token)
    {
        var bytes = new byte[LengthWith(token)];
        Write(bytes, token);
        return Encoding.UTF8.GetString(bytes);
    }
}
