using System.Net;
using System.Text;

namespace Support.Web.Email;

/// <summary>The HTML part every email shares: its paragraphs, one button, and an optional small-print line.</summary>
public static class EmailHtml
{
    public static string Document(IEnumerable<string> paragraphs, string button, string link, SmallPrint? smallPrint = null)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:Georgia,serif;line-height:1.5\">");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(E(paragraph)).Append("</p>");
        }
        html.Append($"<p><a href=\"{E(link)}\" style=\"display:inline-block;padding:10px 18px;background:#0a66c2;color:#fff;text-decoration:none;border-radius:4px\">{E(button)}</a></p>");
        if (smallPrint is { } print)
        {
            html.Append($"<p style=\"font-size:13px;color:#555\">{E(print.Before)}<a href=\"{E(print.Link)}\">{E(print.LinkText)}</a>{E(print.After)}</p>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>A line of small print with one link in it: <c>Before</c>, then the link, then <c>After</c>.</summary>
public sealed record SmallPrint(string Before, string LinkText, string Link, string After);
