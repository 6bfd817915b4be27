using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Reminders;
using Support.Web.Email.Outbox;
using Support.Web.Shared;

namespace Support.Web.Reminders;

/// <summary>
/// Stores a reader's reminder and wakes this process's reminder senders, which then sleep until its due time. An
/// address with a pending reminder keeps it as it is: its owner is emailed a link that moves it
/// (<see cref="ReminderChanges"/>), since whoever typed the address may not be its owner.
/// </summary>
public sealed class ReminderSignup(
    SupportDbContext db,
    EmailWakeup<Reminder> wakeup,
    ReminderChanges changes,
    TimeProvider time)
{
    /// <summary>True when a new reminder was stored; false when the address already had one (its owner is asked).</summary>
    public async Task<bool> ScheduleAsync(string email, DateTimeOffset dueAt, string articleSlug, CancellationToken ct)
    {
        // Two tries: if a parallel signup for the same email inserted first, the unique index refuses ours and
        // the second try finds that one.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var pending = await db.Reminders.AsNoTracking().FirstOrDefaultAsync(r => r.Email == email && r.Status == EmailStatus.Pending, ct);
            if (pending is not null)
            {
                await changes.AskAsync(db, pending, dueAt, articleSlug, ct);
                return false;
            }
            var reminder = new Reminder
            {
                Email = email, UnsubscribeToken = NewToken(), Status = EmailStatus.Pending, CreatedAt = now,
                DueAt = dueAt.UtcDateTime, ArticleSlug = articleSlug, UpdatedAt = now,
            };
            db.Reminders.Add(reminder);
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
            return true;
        }
    }

    /// <summary>32 random bytes, base64url: unguessable, and safe in a URL path.</summary>
    public static string NewToken() => UrlTokens.New();
}
