using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Support.Data;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Supporters.Emails;

namespace Support.Web.Reminders;

/// <summary>
/// The "confirm the new date" email, for the supporter email senders (<see cref="SupporterEmailQueue"/>): skipped
/// when the reminder was sent, cancelled or moved before it went out; otherwise built with a link signed at sending
/// time, so a resend after a crash carries a second working link, not a stale one.
/// </summary>
public sealed class ReminderChangeEmails(
    SupportDbContext db,
    ReminderChanges changes,
    SupporterEmailBuilder messages,
    IOptions<SiteOptions> site,
    IOptions<PromptOptions> prompt,
    TimeProvider time)
{
    /// <summary>The claimed change emails that no longer have a reminder to move (id → why): one query per batch.</summary>
    public async Task<IReadOnlyDictionary<long, string>> SkipAsync(IReadOnlyList<EmailDispatch> claimed, CancellationToken ct)
    {
        var asked = claimed.Where(d => d.Kind == EmailKind.ReminderChange && d.Email is not null)
            .Select(d => (d.Id, Change: changes.Requested(d))).ToList();
        if (asked.Count == 0)
        {
            return new Dictionary<long, string>();
        }
        var ids = asked.Where(a => a.Change is not null).Select(a => a.Change!.ReminderId).Distinct().ToList();
        var versions = await db.Reminders.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status == EmailStatus.Pending)
            .Select(r => new { r.Id, r.UpdatedAt }).ToDictionaryAsync(r => r.Id, r => r.UpdatedAt.Ticks, ct);
        return asked
            .Where(a => a.Change is null || !versions.TryGetValue(a.Change.ReminderId, out var version) || version != a.Change.VersionTicks)
            .ToDictionary(a => a.Id, _ => "The reminder was sent, cancelled or moved before this email went out");
    }

    public MimeMessage Build(EmailDispatch row)
    {
        var change = changes.Requested(row) ?? throw new InvalidOperationException($"Email {row.Id} names no reminder change.");
        var publisher = prompt.Value.Publisher;
        return messages.Compose(row.Email!, $"Confirm the new date of your reminder from {publisher}",
        [
            "Hello,",
            $"Someone, probably you, asked us to move your reminder to {ReminderSchedule.FormatWhen(change.DueAt, time.GetUtcNow())}.",
            "If it was you, press the button. If not, ignore this email: your reminder stays as it is.",
        ], "Move my reminder", site.Value.Link($"/reminders/change/{changes.Protect(change)}"));
    }
}
