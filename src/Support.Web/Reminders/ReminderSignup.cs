using Support.Data.Email;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reminders;
using Support.Web.Email.Outbox;

namespace Support.Web.Reminders;

/// <summary>
/// Stores a reader's reminder (moving their pending one, if any) and wakes this process's reminder senders, which
/// then sleep until its due time.
/// </summary>
public sealed class ReminderSignup(
    SupportDbContext db,
    EmailWakeup<Reminder> wakeup,
    TimeProvider time)
{
    public async Task<Reminder> ScheduleAsync(string email, DateTimeOffset dueAt, string articleSlug, CancellationToken ct)
    {
        // Two tries: if a parallel signup for the same email inserted first, the unique index refuses ours and
        // the second try moves that one instead.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var reminder = await db.Reminders.FirstOrDefaultAsync(r => r.Email == email && r.Status == EmailStatus.Pending, ct);
            if (reminder is null)
            {
                reminder = new Reminder { Email = email, UnsubscribeToken = NewToken(), Status = EmailStatus.Pending, CreatedAt = now };
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
            // The row is the source of truth; the wake-up lets the senders plan for its due time.
            wakeup.Notify();
            return reminder;
        }
    }

    /// <summary>32 random bytes, base64url: unguessable, and safe in a URL path.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
