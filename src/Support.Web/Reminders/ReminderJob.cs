using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Reminders;
using Support.Data.Supporters;
using Support.Web.Email;

namespace Support.Web.Reminders;

/// <summary>
/// Sends one reminder. The row is claimed with a conditional update (Pending and due → Sending), so a duplicate
/// job, a retry or a second worker finds nothing to claim and never sends twice.
/// </summary>
public sealed class ReminderJob(
    SupportDbContext db,
    IEmailSender sender,
    ReminderMessageBuilder messages,
    IBackgroundJobClient jobs,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderJob> logger)
{
    /// <summary>Hangfire stores due times to the second and may start a job up to a second early.</summary>
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(2);

    // SMTP failures are handled below with our own bounded schedule; this covers the unexpected (database down).
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600])]
    public async Task SendAsync(long reminderId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimBefore = now + EarlyTolerance;
        var claimed = await db.Reminders
            .Where(r => r.Id == reminderId && r.Status == ReminderStatus.Pending && r.DueAt <= claimBefore)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Sending)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.UpdatedAt, now), ct);
        if (claimed == 0)
        {
            logger.LogDebug("Reminder {ReminderId} is not pending and due; nothing to send", reminderId);
            return;
        }
        var reminder = await db.Reminders.AsNoTracking().SingleAsync(r => r.Id == reminderId, ct);
        if (await IsLiveSupporterAsync(reminder.Email, ct))
        {
            await FinishAsync(reminderId, ReminderStatus.Skipped, "Became a supporter before the reminder was due");
            return;
        }
        try
        {
            await sender.SendAsync(messages.Build(reminder), ct);
        }
        catch (EmailDeliveryException e)
        {
            await HandleFailureAsync(reminder, e);
            return;
        }
        catch (OperationCanceledException)
        {
            // Shutting down mid-send: hand it back so the next run (or reconcile) sends it.
            await FinishAsync(reminderId, ReminderStatus.Pending, "Interrupted by shutdown");
            throw;
        }
        await FinishAsync(reminderId, ReminderStatus.Sent, null, time.GetUtcNow().UtcDateTime);
        logger.LogInformation("Reminder {ReminderId} sent", reminderId);
    }

    private Task<bool> IsLiveSupporterAsync(string email, CancellationToken ct) =>
        db.Supporters.AnyAsync(s => s.Email == email && s.Contributions.Any(c =>
            c.Status == ContributionStatus.Active || c.Status == ContributionStatus.PastDue || c.Status == ContributionStatus.Trialing), ct);

    private async Task HandleFailureAsync(Reminder reminder, EmailDeliveryException e)
    {
        var reason = Truncate(e.Message);
        if (e.Permanent || reminder.Attempts >= options.Value.MaxAttempts)
        {
            logger.LogWarning(e, "Reminder {ReminderId} failed after {Attempts} attempt(s)", reminder.Id, reminder.Attempts);
            await FinishAsync(reminder.Id, ReminderStatus.Failed,
                e.Permanent ? reason : Truncate($"Gave up after {reminder.Attempts} attempts: {reason}"));
            return;
        }
        // Temporary: back to Pending with a later due time and a job for it. Kept in our row (not only in
        // Hangfire's retry state) so the delay is configurable and survives losing Hangfire's storage.
        var retryAt = time.GetUtcNow().Add(options.Value.RetryDelay(reminder.Attempts));
        logger.LogWarning(e, "Reminder {ReminderId} attempt {Attempts} failed; retrying at {RetryAt}", reminder.Id, reminder.Attempts, retryAt);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Reminders.Where(r => r.Id == reminder.Id && r.Status == ReminderStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Pending)
                .SetProperty(r => r.DueAt, retryAt.UtcDateTime)
                .SetProperty(r => r.StatusReason, reason)
                .SetProperty(r => r.UpdatedAt, now), CancellationToken.None);
        // Scheduled after the row is Pending again, so the new job always finds it claimable.
        var jobId = jobs.Schedule<ReminderJob>(j => j.SendAsync(reminder.Id, CancellationToken.None), options.Value.RetryDelay(reminder.Attempts));
        await db.Reminders.Where(r => r.Id == reminder.Id && r.Status == ReminderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HangfireJobId, jobId), CancellationToken.None);
    }

    /// <summary>Leaves Sending. Not cancellable: once the email is out, recording it matters more than shutdown.</summary>
    private Task FinishAsync(long id, ReminderStatus status, string? reason, DateTime? sentAt = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Reminders.Where(r => r.Id == id && r.Status == ReminderStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.StatusReason, reason)
                .SetProperty(r => r.SentAt, sentAt)
                .SetProperty(r => r.UpdatedAt, now), CancellationToken.None);
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
