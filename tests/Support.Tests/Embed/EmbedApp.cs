using System.Net.Http.Json;
using Support.Tests.Infrastructure;
using Support.Web.Embed;

namespace Support.Tests.Embed;

/// <summary>The app with one publisher site allowed to embed the prompt, and a cookie-less way to be that site's page.</summary>
public sealed class EmbedApp : SupportAppFactory
{
    public const string Publisher = "https://news.publisher.example";
    public const string ArticleUrl = Publisher + "/2026/12/council-budget";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Embed:AllowedOrigins:0", Publisher)];

    /// <summary>As the embed's fetch from a third-party page: no cookies, no redirects followed.</summary>
    public HttpClient CookielessClient() =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public static HttpRequestMessage PromptRequest(string? origin, string url = ArticleUrl, string? state = null, string? gave = null)
    {
        var query = $"/embed/prompt?url={Uri.EscapeDataString(url)}&state={Uri.EscapeDataString(state ?? "")}&gave={Uri.EscapeDataString(gave ?? "")}";
        var request = new HttpRequestMessage(HttpMethod.Get, query);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        return request;
    }

    public async Task<EmbedPrompt> PromptAsync(string? state = null, string? gave = null)
    {
        using var client = CookielessClient();
        var answer = await client.SendAsync(PromptRequest(Publisher, state: state, gave: gave));
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<EmbedPrompt>())!;
    }

    public async Task<HttpResponseMessage> PostFromAsync(string origin, string path, Dictionary<string, string> fields)
    {
        using var client = CookielessClient();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return await client.SendAsync(request);
    }
}
