using System.ComponentModel.DataAnnotations;

namespace Support.Web.Jobs;

/// <summary>Hangfire, which runs the recurring maintenance jobs (emails are sent from their own tables, not as jobs).</summary>
public sealed class BackgroundJobOptions
{
    public const string Section = "Hangfire";

    /// <summary>
    /// <c>Database</c>: follows Database:Provider (a SQLite file for one process; SQL Server's or PostgreSQL's
    /// <c>hangfire</c> schema for several). <c>InMemory</c>: jobs live in this process only and are lost on restart,
    /// for a throwaway instance (a demo, a trial of a configuration) that should leave no job store behind.
    /// </summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.Database;

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
