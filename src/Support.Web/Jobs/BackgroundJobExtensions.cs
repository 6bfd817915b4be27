using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using Support.Web.Data;
using Support.Web.Hosting;

namespace Support.Web.Jobs;

/// <summary>Hangfire storage and server, for recurring and maintenance work (<see cref="RecurringJobs"/>).</summary>
public static class BackgroundJobExtensions
{
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DataRetentionJob>();
        builder.Services.AddScoped<ReconciliationJob>();
        builder.Services.AddOptions<BackgroundJobOptions>().BindConfiguration(BackgroundJobOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Hangfire falls back to process-wide statics (JobStorage.Current, JobActivator.Current) for what the container
        // lacks. Registered here, before AddHangfire, the server, the recurring job manager, the dashboard and the health
        // check all take this host's: the storage built from its validated Database and Hangfire settings, and jobs
        // created in its own container (ADR 0023). Hangfire builds the rest from these two.
        builder.Services.AddSingleton<JobStorage>(sp => CreateStorage(sp, builder.Environment));
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<BackgroundJobOptions>>().Value;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            server.WorkerCount = options.WorkerCount;
            // Jobs in flight get the host's whole stop time (Shutdown:Timeout bounds it), not Hangfire's own 15 s.
            server.ShutdownTimeout = sp.GetRequiredService<IOptions<ShutdownOptions>>().Value.Timeout;
        });
        return builder;
    }

    private static JobStorage CreateStorage(IServiceProvider services, IHostEnvironment environment)
    {
        var options = services.GetRequiredService<IOptions<BackgroundJobOptions>>().Value;
        if (options.Storage == JobStorageKind.InMemory)
        {
            return new InMemoryStorage();
        }
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Support");
        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                return new SqlServerStorage(connectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });
            case DatabaseProvider.PostgreSql:
                // Its own schema in the same database; several instances share it safely (FACTS.md: none ran twice).
                var postgres = new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString!, postgres), postgres);
        }
        // One process only: this storage's dequeue lock is in-process (docs/reminders.md).
        var path = Path.Combine(environment.DataDirectoryPath(database), options.SqliteFile);
        // Its queue is polled, not signalled: poll every second so an enqueued reminder starts promptly.
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
    }
}
