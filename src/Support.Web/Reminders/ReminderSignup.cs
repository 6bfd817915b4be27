using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reminders;

namespace Support.Web.Reminders;

/// <summary>
/// Stores a reader's reminder (moving their pending one, if any), schedules its Hangfire job for the due time and
/// wakes this process's dispatchers to plan for it.
/// </summary>
public sealed class ReminderSignup(
    SupportDbContext db,
    ReminderWakeup wakeup,
    ReminderJobScheduler jobs,
    TimeProvider time)
{
    public async Task<Reminder> ScheduleAsync(string email, DateTimeOffset dueAt, string articleSlug, CancellationToken ct)
    {
        // Two tries: if a parallel signup for the same email inserted first, the unique index refuses ours and
        // the second try moves that one instead.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var reminder = await db.Reminders.FirstOrDefaultAsync(r => r.Email == email && r.Status == ReminderStatus.Pending, ct);
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
            // The row is the source of truth; the job and the wake-up make sure it is sent on time.
            jobs.ScheduleFor(reminder.Id, dueAt);
            wakeup.Notify();
            return reminder;
        }
    }

    /// <summary>32 random bytes, base64url: unguessable, and safe in a URL path.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
