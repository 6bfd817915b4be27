using System.Net;
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

#if !POSTGRESQL
    [Fact]
    public async Task Database_file_is_created_in_the_data_folder_by_migrations()
    {
        using var client = _app.CreateBrowserClient();
        await client.GetAsync("/healthz");
        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "support.db")));
        var applied = await _app.QueryAsync(db => Task.FromResult(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetAppliedMigrations(db.Database).ToList()));
        Assert.NotEmpty(applied);
    }
#endif
}
