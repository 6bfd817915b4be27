using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Experiments;

public sealed class ExperimentApiTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    private const string OtherArticle = "/articles/why-readers-fund-our-newsroom";

    [Fact]
    public async Task Fresh_visitors_see_both_headings_in_about_equal_shares_and_each_always_the_same()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var experiment = await admin.CreateAsync(ExperimentSteps.TwoHeadings("Headings", ReaderJourney.ArticleSlug));

        var seen = new Dictionary<string, int>();
        for (var visitor = 0; visitor < 300; visitor++)
        {
            using var browser = app.CreateBrowserClient();
            var first = await browser.PromptAsync();
            var second = await browser.PromptAsync();
            Assert.Equal(first, second);
            seen[first.Heading!] = seen.GetValueOrDefault(first.Heading!) + 1;
        }

        Assert.Equal(["Heading A for The Moscow Times", "Heading B"], seen.Keys.Order());
        // Binomial(300, 0.5): a standard deviation of 8.7 visitors; 100–200 is more than five of them.
        Assert.All(seen.Values, count => Assert.InRange(count, 100, 200));
        var results = await app.ResultsAsync(admin, experiment.Id());
        Assert.Equal(2 * seen["Heading A for The Moscow Times"], results.Variant("A").GetProperty("views").GetInt64());
        Assert.Equal(2 * seen["Heading B"], results.Variant("B").GetProperty("views").GetInt64());
    }

    [Fact]
    public async Task One_experiment_runs_per_scope_and_a_declared_winner_becomes_the_prompt()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var first = await admin.CreateAsync(ExperimentSteps.TwoHeadings("First", "why-readers-fund-our-newsroom"));

        using var refused = await admin.PostAsJsonAsync("/staff/api/experiments", ExperimentSteps.TwoHeadings("Second", "why-readers-fund-our-newsroom"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("already running for these articles", await refused.Content.ReadAsStringAsync());

        var winner = first.Variant("B").Id();
        using var declared = await admin.PostAsJsonAsync($"/staff/api/experiments/{first.Id()}/winner", new { variantId = winner });
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var settled = await declared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Stopped", settled.GetProperty("status").GetString());
        Assert.Equal(winner, settled.GetProperty("winnerVariantId").GetInt64());

        using var reader = app.CreateBrowserClient();
        Assert.Equal(("Heading B", (string?)null), await reader.PromptAsync(OtherArticle));
        var second = await admin.CreateAsync(ExperimentSteps.TwoHeadings("Second", "why-readers-fund-our-newsroom"));
        using var stopped = await admin.PostAsync($"/staff/api/experiments/{second.Id()}/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/staff/api/experiments");
        Assert.Contains(listed.EnumerateArray(), e => e.Id() == second.Id() && e.GetProperty("status").GetString() == "Stopped");
    }

    [Theory]
    [InlineData("""{"name":"One","variants":[{"name":"A"}]}""", "2 to 4 variants")]
    [InlineData("""{"name":"X","articles":["no-such-story"],"variants":[{},{}]}""", "There is no article")]
    [InlineData("""{"name":"X","variants":[{"weight":0},{"presetAmountsCents":[1]}]}""", "weight is a whole number from 1 to 100")]
    [InlineData("""{"name":"X","variants":[{"defaultFrequency":"weekly"},{"placement":"sidebar"}]}""", "once, month or year")]
    [InlineData("""{"name":"X","variants":[{},{"presetAmountsCents":[1]}]}""", "each from $2.00 to $1,000.00")]
    [InlineData("""{"name": 12""", "not valid JSON")]
    public async Task Bad_experiments_are_refused_with_a_message(string json, string message)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        using var response = await admin.PostAsync("/staff/api/experiments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_post_to_the_api_is_refused_as_not_json()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        using var response = await admin.PostFormAsync("/staff/api/experiments", new Dictionary<string, string> { ["name"] = "x" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Staff_read_experiments_and_only_admins_change_them()
    {
        using var staff = await app.StaffBrowserAsync(StaffRoles.Staff);
        using var anonymous = app.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/staff/api/experiments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/staff/api/experiments", ExperimentSteps.TwoHeadings("No"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/staff/api/experiments/1/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/staff/api/experiments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/staff/api/experiments/999999")).StatusCode);
    }
}
