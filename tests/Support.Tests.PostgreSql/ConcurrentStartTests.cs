using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Tests.Infrastructure;

namespace Support.Tests;

/// <summary>Two instances of the service started at the same moment on one empty PostgreSQL database.</summary>
public sealed class ConcurrentStartTests
{
    private sealed class Instance(string? sharedDirectory = null) : SupportAppFactory
    {
        protected override string DatabaseDirectory => sharedDirectory ?? DataDirectory;
    }

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_both_come_up_and_apply_each_migration_once()
    {
        using var first = new Instance();
        using var second = new Instance(first.DataDirectory);

        await Task.WhenAll(Task.Run(first.StartServer), Task.Run(second.StartServer));

        foreach (var instance in new[] { first, second })
        {
            using var client = instance.CreateBrowserClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }
        var applied = await first.QueryAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync());
        var known = await first.QueryAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        Assert.Equal(known.Order(), applied.Order());
        Assert.Empty(await first.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}
