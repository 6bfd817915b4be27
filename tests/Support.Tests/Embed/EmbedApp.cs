using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Support.Tests.Infrastructure;
using Support.Web.Embed;

namespace Support.Tests.Embed;

/// <summary>The app with one publisher site allowed to embed the prompt, and a cookie-less way to be that site's page.</summary>
public class EmbedApp : SupportAppFactory
{
    public const string Publisher = "https://news.publisher.example";
    public const string ArticleUrl = Publisher + "/2026/12/council-budget";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Embed:AllowedOrigins:0", Publisher), .. MoreSettings];

    /// <summary>A test class's own settings on top of the allowed publisher.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings => [];

    /// <summary>Set to run the app on a clock the test moves.</summary>
    public FakeTimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>As the embed's fetch from a third-party page: no cookies, no redirects followed.</summary>
    public HttpClient CookielessClient() =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public static HttpRequestMessage PromptRequest(
        string? origin, string url = ArticleUrl, string? state = null, string? gave = null, string? title = null)
    {
        var query = $"/embed/prompt?url={Uri.EscapeDataString(url)}&state={Uri.EscapeDataString(state ?? "")}&gave={Uri.EscapeDataString(gave ?? "")}"
            + (title is null ? "" : $"&title={Uri.EscapeDataString(title)}");
        var request = new HttpRequestMessage(HttpMethod.Get, query);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        return request;
    }

    public async Task<EmbedPrompt> PromptAsync(string? state = null, string? gave = null, string url = ArticleUrl, string? title = null)
    {
        using var client = CookielessClient();
        var answer = await client.SendAsync(PromptRequest(Publisher, url, state, gave, title));
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<EmbedPrompt>())!;
    }

    public async Task<HttpResponseMessage> PostFromAsync(string origin, string path, Dictionary<string, string> fields)
    {
        using var client = CookielessClient();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Origin", origin);
        // As the embed's script asks: errors come back as JSON with a sentence.
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return await client.SendAsync(request);
    }
}
