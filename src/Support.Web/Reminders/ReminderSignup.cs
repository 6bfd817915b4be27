using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reminders;

namespace Support.Web.Reminders;

/// <summary>Stores a reader's reminder (moving their pending one, if any) and schedules the job that sends it.</summary>
public sealed class ReminderSignup(
    SupportDbContext db,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<ReminderSignup> logger)
{
    public async Task<Reminder> ScheduleAsync(string email, DateTimeOffset dueAt, string articleSlug, CancellationToken ct)
    {
        // Two tries: if a parallel signup for the same email inserted first, the unique index refuses ours and
        // the second try moves that one instead.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var reminder = await db.Reminders.FirstOrDefaultAsync(r => r.Email == email && r.Status == ReminderStatus.Pending, ct);
            var oldJobId = reminder?.HangfireJobId;
            if (reminder is null)
            {
                reminder = new Reminder { Email = email, UnsubscribeToken = NewToken(), Status = ReminderStatus.Pending, CreatedAt = now };
                db.Reminders.Add(reminder);
            }
            reminder.DueAt = dueAt.UtcDateTime;
            reminder.ArticleSlug = articleSlug;
            reminder.UpdatedAt = now;
            reminder.Attempts = 0;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            await ScheduleJobAsync(reminder, oldJobId, ct);
            return reminder;
        }
    }

    private async Task ScheduleJobAsync(Reminder reminder, string? oldJobId, CancellationToken ct)
    {
        try
        {
            var id = reminder.Id;
            // A delay, not a time: Hangfire reads the system clock, our due time comes from TimeProvider.
            var delay = reminder.DueAt - time.GetUtcNow().UtcDateTime;
            reminder.HangfireJobId = jobs.Schedule<ReminderJob>(j => j.SendAsync(id, CancellationToken.None), delay);
            await db.SaveChangesAsync(ct);
            if (oldJobId is not null)
            {
                // If the old job fires anyway, it finds the row not yet due and does nothing.
                jobs.Delete(oldJobId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The row is stored: the reconcile job schedules it, so the reader's request is not lost.
            logger.LogWarning(e, "Could not schedule reminder {ReminderId}; reconcile will", reminder.Id);
        }
    }

    /// <summary>32 random bytes, base64url: unguessable, and safe in a URL path.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
