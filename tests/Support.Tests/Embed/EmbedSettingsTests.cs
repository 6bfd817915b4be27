using Support.Tests.Infrastructure;

namespace Support.Tests.Embed;

public sealed class EmbedSettingsTests
{
    private sealed class App(params (string Key, string? Value)[] settings) : SupportAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            settings.Select(s => KeyValuePair.Create(s.Key, s.Value));
    }

    [Fact]
    public void An_allowed_embed_origin_with_a_path_refuses_to_start_and_says_why()
    {
        using var app = new App(("Embed:AllowedOrigins:0", "https://news.example.org/articles"));

        Assert.Contains("Each Embed:AllowedOrigins entry must be an origin", StartupValidationTests.StartFailure(app));
    }

    [Fact]
    public void A_cookie_domain_that_is_not_a_parent_of_the_public_host_refuses_to_start()
    {
        using var app = new App(("Site:CookieDomain", "example.org"));

        Assert.Contains("Site:CookieDomain must be empty or a parent domain", StartupValidationTests.StartFailure(app));
    }

    [Fact]
    public async Task With_a_cookie_domain_the_prompt_cookie_is_set_for_that_domain()
    {
        await using var app = new App(("Site:CookieDomain", "127.0.0.1"), ("Embed:AllowedOrigins:0", EmbedApp.Publisher));
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };

        var answer = await client.SendAsync(EmbedApp.PromptRequest(EmbedApp.Publisher));

        answer.EnsureSuccessStatusCode();
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("support_prompt=", StringComparison.Ordinal)
            && c.Contains("domain=127.0.0.1", StringComparison.OrdinalIgnoreCase));
    }
}
