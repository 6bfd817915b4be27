using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using Support.Web.Experiments;

namespace Support.Tests.Experiments;

/// <summary>What the experiment tests do through the JSON API, and what a reader's page shows of an experiment.</summary>
public static class ExperimentSteps
{
    public static object TwoHeadings(string name, params string[] articles) => new
    {
        name,
        articles,
        variants = new object[]
        {
            new { name = "A", heading = "Heading A for {Publisher}" },
            new { name = "B", heading = "Heading B", buttonText = "Give monthly now" },
        },
    };

    public static async Task<JsonElement> CreateAsync(this HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("/staff/api/experiments", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The experiment's results as the API answers them, after this instance's counts are flushed.</summary>
    public static async Task<JsonElement> ResultsAsync(this SupportAppFactory app, HttpClient staff, long id)
    {
        await app.Services.GetRequiredService<ExperimentSync>().FlushAsync(CancellationToken.None);
        return await staff.GetFromJsonAsync<JsonElement>($"/staff/api/experiments/{id}");
    }

    public static JsonElement Variant(this JsonElement experiment, string name) =>
        experiment.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    public static long Id(this JsonElement element) => element.GetProperty("id").GetInt64();

    /// <summary>The prompt's heading and the variant id its form carries (null outside an experiment).</summary>
    public static async Task<(string? Heading, string? Variant)> PromptAsync(this HttpClient browser, string path = ReaderJourney.ArticlePath)
    {
        var page = await (await browser.GetAsync(path)).ReadHtmlAsync();
        return (page.QuerySelector("#prompt-heading")?.TextContent,
            page.QuerySelector("form[action='/support/checkout'] input[name=variant]")?.GetAttribute("value"));
    }
}
