using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Supporters;
using Support.Web.Reports;

namespace Support.Web.Data;

public static class DatabaseExtensions
{
    private const string SqliteMigrations = "Support.Migrations.Sqlite";
    private const string SqlServerMigrations = "Support.Migrations.SqlServer";
    private const string PostgreSqlMigrations = "Support.Migrations.PostgreSql";

    public static WebApplicationBuilder AddSupportDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString("Support");
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                builder.Services.AddDbContextPool<SupportDbContext>(o => o.UseSqlServer(ServerConnectionString(options, connectionString),
                    sql => sql.MigrationsAssembly(SqlServerMigrations).EnableRetryOnFailure()).AddInterceptors(ReportTotalsInterceptor.Instance));
                break;
            case DatabaseProvider.PostgreSql:
                builder.Services.AddDbContextPool<SupportDbContext>(o => o.UseNpgsql(ServerConnectionString(options, connectionString),
                    npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrations).EnableRetryOnFailure()).AddInterceptors(ReportTotalsInterceptor.Instance));
                break;
            default:
                var sqlite = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath, options.DataDirectory);
                builder.Services.AddDbContextPool<SupportDbContext>(o => o.UseSqlite(sqlite,
                    sql => sql.MigrationsAssembly(SqliteMigrations)).AddInterceptors(SqliteBusyTimeout.Instance, ReportTotalsInterceptor.Instance));
                break;
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<SupportDbContext>("database");
        return builder;
    }

    /// <summary>A server database has no default: say what to set rather than fail at the first query.</summary>
    private static string ServerConnectionString(DatabaseOptions options, string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {options.Provider} but ConnectionStrings:Support is empty. Set it, e.g. ConnectionStrings__Support=\"{ExampleConnectionString(options.Provider)}\".")
            : connectionString;

    private static string ExampleConnectionString(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql
        ? "Host=db.example.org;Database=support;Username=support;Password=…"
        : "Server=…;Database=Support;…";

    /// <summary>The data folder as an absolute path (created if missing).</summary>
    public static string DataDirectoryPath(this IHostEnvironment environment, DatabaseOptions options)
    {
        var path = Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string SqliteConnectionString(string? configured, string contentRoot, string dataDirectory)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=support.db" : configured);
        if (csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource))
        {
            var folder = Path.GetFullPath(dataDirectory, contentRoot);
            Directory.CreateDirectory(folder);
            csb.DataSource = Path.Combine(folder, csb.DataSource);
        }
        // Writers wait for each other (busy timeout) instead of failing at once.
        if (csb.DefaultTimeout < 30)
        {
            csb.DefaultTimeout = 30;
        }
        return csb.ToString();
    }

    /// <summary>
    /// EF Core's PostgreSQL lock (LOCK TABLE on the history) ends with each migration's transaction: a second instance
    /// that takes it between two migrations applied the next one again ("relation … already exists"). A session-level
    /// advisory lock on the migrating connection covers the whole run; the next instance then finds nothing pending.
    /// </summary>
    private static async Task MigrateUnderSessionLockAsync(SupportDbContext db)
    {
        const long MigrationLockKey = 0x5375_7070_6f72_74; // "Support"
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})");
            try
            {
                await db.Database.MigrateAsync();
            }
            finally
            {
                // Explicitly: a pooled connection would otherwise keep holding the lock after it is closed.
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Applies migrations (SQLite always; a server database when Database:MigrateOnStart is set), once even when
    /// instances start together on an empty database: PostgreSQL under a session lock for the whole run; SQL Server
    /// with EF's own lock, which is held per migration transaction, so a migration another instance applied between
    /// two of ours fails ours (rolled back: DDL is transactional there) and the next attempt finds it applied.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        if (options.Provider == DatabaseProvider.Sqlite || options.MigrateOnStart)
        {
            await MigrateAsync(app, db);
        }
        await RebuildMissingMonthTotalsAsync(app, db);
    }

    private static async Task MigrateAsync(WebApplication app, SupportDbContext db)
    {
        if (db.Database.IsNpgsql())
        {
            await MigrateUnderSessionLockAsync(db);
        }
        else
        {
            await MigrateWithRetryAsync(app, db);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets page reads go on while a webhook writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // Planner statistics for indexes a migration added and tables that grew, so report queries keep their
            // covering indexes; analysis_limit bounds the work on a large file (sqlite.org/pragma.html#pragma_optimize).
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;");
        }
    }

    /// <summary>
    /// A ledger without month totals or live gift counts (from before they existed, or after a migration that changed
    /// them: ADR 0015, 0021) gets them computed once, here, whoever applied the migrations. Two instances starting
    /// together may both try: the second one's insert fails on the first one's rows, which are the same figures.
    /// </summary>
    private static async Task RebuildMissingMonthTotalsAsync(WebApplication app, SupportDbContext db)
    {
        if ((await db.Database.GetPendingMigrationsAsync()).Any() || !await MissingAsync(db))
        {
            return;
        }
        try
        {
            var rows = await MonthTotalsRebuild.RunAsync(db, app.Lifetime.ApplicationStopping);
            app.Logger.LogInformation("Computed the report month totals from the ledger: {Rows} rows", rows);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            if (await MissingAsync(db))
            {
                throw;
            }
            app.Logger.LogInformation("Another instance computed the report month totals meanwhile ({Reason})", e.InnerException?.Message ?? e.Message);
        }
    }

    /// <summary>Month rows missing beside payments, or live gift counts missing beside live contributions.</summary>
    private static async Task<bool> MissingAsync(SupportDbContext db) =>
        (!await db.ReportMonths.AnyAsync() && await db.Payments.AnyAsync())
        || (!await db.ReportLiveGifts.AnyAsync() && await db.Contributions.AnyAsync(ContributionRules.Live));

    private static async Task MigrateWithRetryAsync(WebApplication app, SupportDbContext db)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.MigrateAsync();
                return;
            }
            catch (System.Data.Common.DbException e) when (attempt < 3 && !db.Database.IsSqlite())
            {
                app.Logger.LogWarning("Another instance applied a migration meanwhile ({Reason}); looking again", e.Message);
            }
        }
    }
}
