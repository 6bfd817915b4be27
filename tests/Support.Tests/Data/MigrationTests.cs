using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Support.Data;

namespace Support.Tests.Data;

/// <summary>
/// Every provider's migrations assembly must describe the current model; none of these tests needs a server, so a
/// model change without a migration for any provider fails here first (SQL Server's script is generated offline).
/// </summary>
public sealed class MigrationTests
{
    /// <summary>PostgreSQL's migrations start from one baseline: the schema as the other providers' migrations stood after this one.</summary>
    private const string PostgreSqlBaseline = "Initial";
    private const string LastMigrationInTheBaseline = "QuotedReminderFilter";

    public static TheoryData<string> Providers => ["Sqlite", "SqlServer", "PostgreSql"];

    private static SupportDbContext Context(string provider)
    {
        var builder = new DbContextOptionsBuilder<SupportDbContext>();
        var assembly = "Support.Migrations." + provider;
        _ = provider switch
        {
            "SqlServer" => builder.UseSqlServer("Server=(never-connected);Database=Support;Trusted_Connection=True", o => o.MigrationsAssembly(assembly)),
            "PostgreSql" => builder.UseNpgsql("Host=never-connected;Database=support", o => o.MigrationsAssembly(assembly)),
            _ => builder.UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly(assembly)),
        };
        return new SupportDbContext(builder.Options);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_has_migrations_that_match_the_model(string provider)
    {
        using var db = Context(provider);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration: run dotnet ef migrations add <Name> --project src/Support.Migrations.{provider} --startup-project src/Support.Migrations.{provider}.");
    }

    [Fact]
    public void Sql_server_migrations_generate_the_schema_script_without_a_server()
    {
        using var db = Context("SqlServer");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Contributions]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Payments_StripeInvoiceId]", script);
        Assert.Contains("[EventId] nvarchar(255) NOT NULL", script);
        Assert.Contains("[AmountCents] bigint NOT NULL", script);
    }

    [Fact]
    public void Postgresql_migrations_generate_the_schema_script_without_a_server()
    {
        using var db = Context("PostgreSql");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE \"Contributions\"", script);
        Assert.Contains("\"AmountCents\" bigint NOT NULL", script);
        Assert.Contains("WHERE \"Status\" = 'Pending'", script);
    }

    [Fact]
    public void Every_provider_has_the_same_migrations_after_the_postgresql_baseline()
    {
        static List<string> Names(string provider)
        {
            using var db = Context(provider);
            return db.Database.GetMigrations().Select(m => m[15..]).ToList();
        }
        var sqlite = Names("Sqlite");
        var postgres = Names("PostgreSql");
        Assert.Equal(PostgreSqlBaseline, postgres[0]);

        Assert.Equal(sqlite, Names("SqlServer"));
        // Migrations added since the baseline exist for every provider, in the same order.
        Assert.Equal(sqlite.Skip(sqlite.IndexOf(LastMigrationInTheBaseline) + 1), postgres.Skip(1));
    }
}
