using System.ComponentModel.DataAnnotations;

namespace Support.Web.Jobs;

/// <summary>Hangfire, which runs the recurring maintenance jobs (emails are sent from their own tables, not as jobs).</summary>
public sealed class BackgroundJobOptions
{
    public const string Section = "Hangfire";

    /// <summary>
    /// <c>Database</c>: follows Database:Provider (SQL Server storage, or a SQLite file for one process).
    /// <c>InMemory</c>: jobs live in this process only and are lost on restart; for a throwaway instance (a demo, tests).
    /// </summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.Database;

    /// <summary>
    /// Hangfire's own log lines, through the host's logging. Hangfire's log provider is process-wide: turn it off
    /// where several hosts share one process and stop at different times (the integration tests do).
    /// </summary>
    public bool Logging { get; set; } = true;

    /// <summary>How often scheduled jobs are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Workers per process: the jobs are few and short, and the host is small.</summary>
    [Range(1, 50)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>File name of the SQLite job store, in the data directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SqliteFile { get; set; } = "hangfire.db";
}

public enum JobStorageKind
{
    Database,
    InMemory,
}
