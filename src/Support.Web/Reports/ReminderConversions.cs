using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Reminders;
using Support.Data.Supporters;

namespace Support.Web.Reports;

/// <summary>
/// Whether a sent reminder converted (its email started a real contribution, in any currency, within 30 days after
/// the send: docs/reports.md), kept on the reminder (<see cref="Reminder.Converted"/>, ADR 0021) so the
/// summary counts a column instead of searching gifts per reminder. Recomputed, for the emails a save touches, after
/// every save that adds, removes or changes a contribution's realness, start or supporter, or a supporter's email.
/// A reminder is sent before its reader gives, so the send itself leaves the flag false.
/// </summary>
public static class ReminderConversions
{
    public const int Days = 30;

    /// <summary>The emails whose reminders a save may convert or un-convert; read before the save.</summary>
    public static async Task<HashSet<string>> AffectedAsync(SupportDbContext db, CancellationToken ct)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var supporterIds = new HashSet<long>();
        foreach (var entry in db.ChangeTracker.Entries<Contribution>())
        {
            var matters = entry.State switch
            {
                EntityState.Added => ContributionRules.IsReal(entry.Entity.Status),
                EntityState.Deleted => ContributionRules.IsReal(entry.Property(c => c.Status).OriginalValue),
                EntityState.Modified => ContributionRules.IsReal(entry.Property(c => c.Status).OriginalValue) != ContributionRules.IsReal(entry.Entity.Status)
                    || entry.Property(c => c.StartedAt).IsModified || entry.Property(c => c.SupporterId).IsModified,
                _ => false,
            };
            if (!matters)
            {
                continue;
            }
            if (entry.Reference(c => c.Supporter).TargetEntry?.Entity is { } tracked)
            {
                Add(emails, tracked.Email);
            }
            else
            {
                supporterIds.Add(entry.Entity.SupporterId);
            }
            if (entry.State == EntityState.Modified && entry.Property(c => c.SupporterId).IsModified)
            {
                supporterIds.Add(entry.Property(c => c.SupporterId).OriginalValue);
            }
        }
        // A reminder stored as already sent (an import, the demo history) is computed like one sent now.
        foreach (var entry in db.ChangeTracker.Entries<Reminder>().Where(e => e.State == EntityState.Added && e.Entity.Status == EmailStatus.Sent))
        {
            Add(emails, entry.Entity.Email);
        }
        foreach (var entry in db.ChangeTracker.Entries<Supporter>().Where(e => e.State == EntityState.Modified && e.Property(s => s.Email).IsModified))
        {
            Add(emails, entry.Property(s => s.Email).OriginalValue);
            Add(emails, entry.Entity.Email);
        }
        if (supporterIds.Count > 0)
        {
            foreach (var email in await db.Supporters.AsNoTracking().Where(s => supporterIds.Contains(s.Id)).Select(s => s.Email).ToListAsync(ct))
            {
                Add(emails, email);
            }
        }
        return emails;
    }

    /// <summary>Recomputes the flag of the sent reminders of these emails (all sent reminders when null), in one statement.</summary>
    public static Task<int> RecomputeAsync(SupportDbContext db, IReadOnlyCollection<string>? emails, CancellationToken ct)
    {
        var sent = db.Reminders.Where(r => r.Status == EmailStatus.Sent && r.SentAt != null);
        if (emails is not null)
        {
            sent = sent.Where(r => emails.Contains(r.Email));
        }
        return sent.ExecuteUpdateAsync(s => s.SetProperty(r => r.Converted, r => db.Contributions.Where(ContributionRules.Real)
            .Any(c => c.Supporter.Email == r.Email && c.StartedAt >= r.SentAt && c.StartedAt <= r.SentAt!.Value.AddDays(Days))), ct);
    }

    private static void Add(HashSet<string> emails, string? email)
    {
        if (!string.IsNullOrEmpty(email))
        {
            emails.Add(email);
        }
    }
}
