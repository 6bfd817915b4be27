using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Support.Tests.Infrastructure;

/// <summary>Reads pages the way a browser would: parse the HTML, find the form, submit its fields.</summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ReadHtmlAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The form's current field values (checked radios only), with overrides applied.</summary>
    public static Dictionary<string, string> FieldsOf(IHtmlFormElement form, IDictionary<string, string>? overrides = null)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "radio" or "checkbox" && !input.IsChecked)
            {
                continue;
            }
            fields[input.Name!] = input.Value;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }
        return fields;
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields));
}
