using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
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
        builder.Services.AddOptions<BackgroundJobOptions>().BindConfiguration(BackgroundJobOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Each host owns its Hangfire services instead of Hangfire's process-wide statics (JobStorage.Current,
        // JobActivator.Current): a job always runs in the container of the host that stored it, and a host stopping
        // never takes another's storage with it, however many hosts one process holds.
        builder.Services.AddSingleton<JobStorage>(sp => CreateStorage(sp, builder.Environment));
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<IBackgroundJobFactory>(sp => new BackgroundJobFactory(sp.GetRequiredService<IJobFilterProvider>()));
        builder.Services.AddSingleton<IBackgroundJobStateChanger>(sp => new BackgroundJobStateChanger(sp.GetRequiredService<IJobFilterProvider>()));
        builder.Services.AddSingleton<IBackgroundJobPerformer>(sp => new BackgroundJobPerformer(
            sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<JobActivator>(), TaskScheduler.Default));
        var logging = builder.Configuration.GetSection(BackgroundJobOptions.Section).Get<BackgroundJobOptions>()?.Logging ?? true;
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (!logging)
            {
                // Hangfire:Logging=false. Its log provider is process-wide: a stopped host's logger factory would
                // break the other hosts' job creation.
                config.UseLogProvider(new SilentLogProvider());
            }
        });
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

    private sealed class SilentLogProvider : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
    {
        public Hangfire.Logging.ILog GetLogger(string name) => this;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
