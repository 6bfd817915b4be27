using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Reminders;

namespace Support.Web.Reminders;

/// <summary>
/// Makes Hangfire agree with the reminder table: every pending reminder gets a live job (sent now when overdue),
/// and a send interrupted by a crash is put back once. Runs at start and on a schedule, so losing Hangfire's
/// storage loses no reminder.
/// </summary>
public sealed class ReminderReconciler(
    SupportDbContext db,
    JobStorage storage,
    IBackgroundJobClient jobs,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderReconciler> logger)
{
    public const string RecurringJobId = "reminders-reconcile";
    private const int BatchSize = 500;
    private static readonly string[] LiveStates = [ScheduledState.StateName, EnqueuedState.StateName, ProcessingState.StateName];

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        await RecoverInterruptedSendsAsync(ct);
        var rescheduled = 0;
        long afterId = 0;
        while (true)
        {
            var batch = await db.Reminders.AsNoTracking()
                .Where(r => r.Status == ReminderStatus.Pending && r.Id > afterId)
                .OrderBy(r => r.Id).Take(BatchSize)
                .Select(r => new { r.Id, r.DueAt, r.HangfireJobId })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            afterId = batch[^1].Id;
            foreach (var reminder in batch.Where(r => !HasLiveJob(r.HangfireJobId, r.Id)))
            {
                await RescheduleAsync(reminder.Id, reminder.DueAt, ct);
                rescheduled++;
            }
        }
        if (rescheduled > 0)
        {
            logger.LogWarning("Reconcile gave {Count} pending reminder(s) a new job", rescheduled);
        }
    }

    private async Task RescheduleAsync(long id, DateTime dueAt, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Our due time, judged by our clock: overdue ones go now rather than at a time Hangfire sees as past.
        var jobId = dueAt <= now.UtcDateTime
            ? jobs.Enqueue<ReminderJob>(j => j.SendAsync(id, CancellationToken.None))
            : jobs.Schedule<ReminderJob>(j => j.SendAsync(id, CancellationToken.None), dueAt - now.UtcDateTime);
        await db.Reminders.Where(r => r.Id == id && r.Status == ReminderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HangfireJobId, jobId), ct);
    }

    /// <summary>Our job for this reminder, still waiting or running. Checks the argument: a new storage reuses ids.</summary>
    private bool HasLiveJob(string? jobId, long reminderId)
    {
        if (string.IsNullOrEmpty(jobId))
        {
            return false;
        }
        try
        {
            using var connection = storage.GetConnection();
            var data = connection.GetJobData(jobId);
            return data?.Job is { } job && job.Type == typeof(ReminderJob) && job.Args.Count > 0
                && job.Args[0] is long id && id == reminderId && LiveStates.Contains(data.State);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            // An id this storage cannot parse (storage changed kind): certainly not a live job here.
            return false;
        }
    }

    /// <summary>
    /// A crash between claiming and recording leaves a row in Sending. The email may or may not have gone, so
    /// it is put back once (at most one duplicate); a second interruption fails it rather than risk more.
    /// </summary>
    private async Task RecoverInterruptedSendsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stuckBefore = now - options.Value.StuckSendingAfter;
        var stuck = db.Reminders.Where(r => r.Status == ReminderStatus.Sending && r.UpdatedAt < stuckBefore);
        var failed = await stuck.Where(r => r.RecoveredAt != null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReminderStatus.Failed)
            .SetProperty(r => r.StatusReason, "Interrupted twice while sending; not retried to avoid duplicate emails")
            .SetProperty(r => r.UpdatedAt, now), ct);
        var recovered = await stuck.Where(r => r.RecoveredAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReminderStatus.Pending)
            .SetProperty(r => r.RecoveredAt, now)
            .SetProperty(r => r.StatusReason, "Send was interrupted; retrying once")
            .SetProperty(r => r.UpdatedAt, now), ct);
        if (failed + recovered > 0)
        {
            logger.LogWarning("Reconcile found interrupted sends: {Recovered} retried, {Failed} failed", recovered, failed);
        }
    }
}
