using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Support.Web.Embed;

namespace Support.Tests.Embed;

/// <summary>"Remind me later" inside the embedded prompt, posted from the publisher's page (another site than Support's).</summary>
public sealed class EmbedReminderTests(EmbedReminderTests.App app) : IClassFixture<EmbedReminderTests.App>
{
    public sealed class App : EmbedApp
    {
        // Every test posts from loopback; the limit itself is EmbedReminderRateLimitTests'.
        protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings => [new("Reminders:SignupsPerWindow", "1000")];
    }

    [Fact]
    public async Task The_reminder_form_opens_inside_the_prompt_with_the_choices_of_supports_own_form()
    {
        using var client = app.CookielessClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/embed/reminder?url=" + Uri.EscapeDataString(EmbedApp.ArticleUrl));
        request.Headers.TryAddWithoutValidation("Origin", EmbedApp.Publisher);

        var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(EmbedApp.Publisher, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var form = (await answer.Content.ReadFromJsonAsync<EmbedFragment>())!.Html;
        Assert.Contains("action=\"/embed/reminder\"", form);
        Assert.Contains("value=\"1w\"", form);
        Assert.Contains("id=\"reminder-email\"", form);
    }

    [Fact]
    public async Task Remind_me_later_without_an_email_hides_the_prompt_on_the_next_page_through_the_token_alone()
    {
        var shown = await app.PromptAsync();

        var answer = await SignUpAsync(EmbedApp.Publisher, shown.State, "1w", "");
        var reminded = (await answer.Content.ReadFromJsonAsync<EmbedPrompt>())!;
        var next = await app.PromptAsync(reminded.State);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(EmbedApp.Publisher, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Null(reminded.Html);
        Assert.Equal("none", next.Show);
        Assert.Equal("none", (await app.PromptAsync(next.State)).Show);
    }

    [Fact]
    public async Task Remind_me_later_with_an_email_stores_the_reminder_for_the_page_and_confirms_it_in_the_prompt()
    {
        var email = $"embed-remind-{Guid.NewGuid():N}@example.org";
        var shown = await app.PromptAsync();

        var answer = await SignUpAsync(EmbedApp.Publisher, shown.State, "1w", "  " + email.ToUpperInvariant() + " ");
        var reminded = (await answer.Content.ReadFromJsonAsync<EmbedPrompt>())!;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("We will remind you", reminded.Html);
        Assert.Contains(email, reminded.Html);
        var stored = await app.QueryAsync(db => db.Reminders.SingleAsync(r => r.Email == email));
        Assert.Equal("news.publisher.example/2026/12/council-budget", stored.ArticleSlug);
        Assert.InRange(stored.DueAt - DateTime.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7.1));
        Assert.Equal("none", (await app.PromptAsync(reminded.State)).Show);
    }

    [Theory]
    [InlineData("", "reader@example.org", "Choose when we should remind you.")]
    [InlineData("not-a-choice", "", "Choose when we should remind you.")]
    [InlineData("1w", "reader@@example", "That email address does not look right.")]
    public async Task A_reminder_without_a_choice_or_with_a_bad_address_is_a_400_with_the_sentence_of_supports_own_form(
        string choice, string email, string sentence)
    {
        var shown = await app.PromptAsync();

        var answer = await SignUpAsync(EmbedApp.Publisher, shown.State, choice, email);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.StartsWith(sentence, (await answer.Content.ReadFromJsonAsync<EmbedError>())!.Error);
        Assert.Equal("full", (await app.PromptAsync(shown.State)).Show);
    }

    [Fact]
    public async Task A_reminder_for_a_page_off_the_publishers_sites_is_a_400()
    {
        var answer = await app.PostFromAsync(EmbedApp.Publisher, "/embed/reminder", new()
        {
            ["url"] = "https://evil.example/story", ["choice"] = "1w", ["email"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("allowed sites", (await answer.Content.ReadFromJsonAsync<EmbedError>())!.Error);
    }

    [Fact]
    public async Task A_reminder_posted_from_another_site_is_refused_by_the_origin_guard_and_stores_nothing()
    {
        var email = $"embed-forged-{Guid.NewGuid():N}@example.org";

        var answer = await SignUpAsync("https://evil.example", "", "1w", email);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(await app.QueryAsync(db => db.Reminders.AnyAsync(r => r.Email == email)));
    }

    private Task<HttpResponseMessage> SignUpAsync(string origin, string state, string choice, string email) =>
        app.PostFromAsync(origin, "/embed/reminder", new()
        {
            ["url"] = EmbedApp.ArticleUrl, ["state"] = state, ["choice"] = choice, ["email"] = email, ["article"] = "ignored",
        });
}

public sealed class EmbedReminderRateLimitTests(EmbedReminderRateLimitTests.App app) : IClassFixture<EmbedReminderRateLimitTests.App>
{
    public sealed class App : EmbedApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings => [new("Reminders:SignupsPerWindow", "1")];
    }

    [Fact]
    public async Task Reminders_from_the_embed_share_the_signup_limit_of_supports_own_form_and_say_so_in_json()
    {
        var fields = new Dictionary<string, string> { ["url"] = EmbedApp.ArticleUrl, ["choice"] = "1w", ["email"] = "" };
        Assert.Equal(HttpStatusCode.OK, (await app.PostFromAsync(EmbedApp.Publisher, "/embed/reminder", fields)).StatusCode);

        var fromEmbed = await app.PostFromAsync(EmbedApp.Publisher, "/embed/reminder", fields);
        var fromOwnForm = await app.PostFromAsync(app.PublicBaseUrl, "/reminders", new() { ["choice"] = "1w", ["email"] = "" });

        Assert.Equal(HttpStatusCode.TooManyRequests, fromEmbed.StatusCode);
        Assert.Equal(EmbedApp.Publisher, fromEmbed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Please wait a few minutes and try again.", (await fromEmbed.Content.ReadFromJsonAsync<EmbedError>())!.Error);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromOwnForm.StatusCode);
    }
}
