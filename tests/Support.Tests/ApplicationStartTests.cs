using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Tests.Infrastructure;

namespace Support.Tests;

public sealed class ApplicationStartTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory _app;

    public ApplicationStartTests(SupportAppFactory app) => _app = app;

    [Fact]
    public async Task Health_endpoint_answers_200_when_the_database_is_ready()
    {
        using var client = _app.CreateBrowserClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_webhook_warm_up_at_start_leaves_nothing_written()
    {
        using var client = _app.CreateBrowserClient();
        await client.GetAsync("/healthz");
        var counts = await _app.QueryAsync(async db => new Dictionary<string, int>
        {
            ["events"] = await db.ProcessedStripeEvents.CountAsync(),
            ["supporters"] = await db.Supporters.CountAsync(),
            ["contributions"] = await db.Contributions.CountAsync(),
            ["payments"] = await db.Payments.CountAsync(),
            ["emails"] = await db.EmailDispatches.CountAsync(),
            ["month totals"] = await db.ReportMonths.CountAsync(),
            ["live gifts"] = await db.ReportLiveGifts.CountAsync(),
            ["active supporters"] = await db.ReportActiveSupporters.CountAsync(),
        });
        Assert.All(counts, c => Assert.True(c.Value == 0, $"{c.Value} row(s) of {c.Key} after the start"));
    }

#if !POSTGRESQL
    [Fact]
    public async Task Database_file_is_created_in_the_data_folder_by_migrations()
    {
        using var client = _app.CreateBrowserClient();
        await client.GetAsync("/healthz");
        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "support.db")));
        var applied = await _app.QueryAsync(db => Task.FromResult(db.Database.GetAppliedMigrations().ToList()));
        Assert.NotEmpty(applied);
    }
#endif
}
