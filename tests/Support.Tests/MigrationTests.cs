using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Support.Data;

namespace Support.Tests;

/// <summary>SQL Server cannot run here, so its migrations are proven by generating their SQL without a server.</summary>
public sealed class MigrationTests
{
    private static SupportDbContext SqlServerContext() => new(new DbContextOptionsBuilder<SupportDbContext>()
        .UseSqlServer("Server=(never-connected);Database=Support;Trusted_Connection=True", o => o.MigrationsAssembly("Support.Migrations.SqlServer"))
        .Options);

    private static SupportDbContext SqliteContext() => new(new DbContextOptionsBuilder<SupportDbContext>()
        .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly("Support.Migrations.Sqlite"))
        .Options);

    [Fact]
    public void Sql_server_migrations_generate_the_schema_script_without_a_server()
    {
        using var db = SqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Contributions]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Payments_StripeInvoiceId]", script);
        Assert.Contains("[EventId] nvarchar(255) NOT NULL", script);
        Assert.Contains("[AmountCents] bigint NOT NULL", script);
    }

    [Fact]
    public void Sql_server_migrations_match_the_model()
    {
        using var db = SqlServerContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run dotnet ef migrations add for Support.Migrations.SqlServer.");
    }

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = SqliteContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run dotnet ef migrations add for Support.Migrations.Sqlite.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlServer = SqlServerContext();
        using var sqlite = SqliteContext();
        static IEnumerable<string> Names(SupportDbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(sqlServer), Names(sqlite));
    }
}
