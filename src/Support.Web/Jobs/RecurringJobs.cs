using Hangfire;
using Microsoft.Extensions.Options;
using Support.Web.Reconciliation;

namespace Support.Web.Jobs;

/// <summary>
/// Every recurring job, registered at start by each instance (the same id updates one definition, and Hangfire's
/// storage runs each occurrence once across instances). Emails are not jobs: their rows are claimed by the email
/// senders (Email/Outbox, ADR 0008).
/// </summary>
public static class RecurringJobs
{
    /// <summary>Jobs of earlier designs that a deployed job store may still hold: their work is done by the email senders now.</summary>
    private static readonly string[] Retired = ["reminders-reconcile", "supporter-emails-sweep"];

    public static WebApplication ScheduleRecurringJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var id in Retired)
        {
            jobs.RemoveIfExists(id);
        }
        jobs.AddOrUpdate<DataRetentionJob>(DataRetentionJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "17 3 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        var reconciliation = app.Services.GetRequiredService<IOptions<ReconciliationOptions>>().Value.Schedule;
        if (string.IsNullOrEmpty(reconciliation))
        {
            jobs.RemoveIfExists(ReconciliationJob.RecurringJobId);
        }
        else
        {
            jobs.AddOrUpdate<ReconciliationJob>(ReconciliationJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), reconciliation,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        return app;
    }
}
