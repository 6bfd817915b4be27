using System.Net;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Experiments;

public sealed class ExperimentPagesTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task An_admin_starts_an_experiment_from_the_form_reads_its_results_and_stops_it()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var started = await admin.SubmitFormAsync("/staff/experiments", "/staff/experiments", new Dictionary<string, string>
        {
            ["Name"] = "Button copy",
            ["Articles"] = ReaderJourney.ArticleSlug,
            ["v0.Name"] = "Usual",
            ["v1.Name"] = "Urgent",
            ["v1.ButtonText"] = "Give today",
            ["v1.Presets"] = "3, 6, 12",
            ["v1.Appeal"] = "First paragraph.\r\n\r\nSecond paragraph.",
        });
        Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        var resultsUrl = started.Headers.Location!.OriginalString;

        var page = await (await admin.GetAsync(resultsUrl)).ReadHtmlAsync();
        Assert.Equal("Button copy", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Not enough data yet", page.QuerySelector(".experiment-verdict")!.TextContent);
        Assert.Equal(["Usual", "Urgent"], page.QuerySelectorAll("tbody th").Select(th => th.TextContent));

        var stopped = await admin.SubmitFormAsync(resultsUrl, resultsUrl + "/stop");
        Assert.Equal(HttpStatusCode.SeeOther, stopped.StatusCode);
        Assert.Contains("Stopped", (await (await admin.GetAsync(resultsUrl)).ReadHtmlAsync()).QuerySelector("main, body")!.TextContent);
    }

    [Fact]
    public async Task The_form_keeps_what_was_typed_and_says_what_is_wrong()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var refused = await admin.SubmitFormAsync("/staff/experiments", "/staff/experiments", new Dictionary<string, string>
        {
            ["Name"] = "Amounts",
            ["Articles"] = "why-readers-fund-our-newsroom",
            ["v1.Presets"] = "1, lots",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.ReadHtmlAsync();
        Assert.Contains("Variant B: 1 to 6 preset amounts, each from $2.00 to $1,000.00.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Amounts", page.QuerySelector("#exp-name")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_variant_with_its_own_copy_renders_it_in_the_prompt()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        await admin.CreateAsync(new
        {
            name = "Copy",
            articles = new[] { "why-readers-fund-our-newsroom" },
            variants = new object[]
            {
                new { name = "A", weight = 1, presetAmountsCents = new[] { 300L, 600L }, defaultAmountCents = 600L, appeal = new[] { "Only this." }, buttonText = "Give now", placement = "Inline" },
                new { name = "B", weight = 1, presetAmountsCents = new[] { 300L, 600L }, defaultAmountCents = 600L, appeal = new[] { "Only this." }, buttonText = "Give now", placement = "Inline" },
            },
        });
        using var reader = app.CreateBrowserClient();

        var prompt = (await (await reader.GetAsync("/articles/why-readers-fund-our-newsroom")).ReadHtmlAsync()).QuerySelector("#support-prompt")!;

        Assert.Equal(["3", "6", "other"], prompt.QuerySelectorAll(".prompt__amounts[data-frequency=month] input[name=amount]").Select(i => i.GetAttribute("value")!));
        Assert.True(prompt.QuerySelector("#amount-month-600")!.HasAttribute("checked"));
        Assert.Equal("Only this.", prompt.QuerySelector(".prompt__appeal p:last-child")!.TextContent);
        Assert.Equal("Give now", prompt.QuerySelector(".prompt__give [data-frequency=month]")!.TextContent);
        Assert.Contains("prompt--inline", prompt.ClassName);
    }
}
