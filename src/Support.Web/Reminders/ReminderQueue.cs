using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Support.Data;
using Support.Data.Reminders;
using Support.Data.Supporters;
using Support.Web.Email.Outbox;

namespace Support.Web.Reminders;

/// <summary>Reminder emails on the shared sending protocol: readers who became supporters meanwhile get none.</summary>
public sealed class ReminderQueue(SupportDbContext db, ReminderMessageBuilder messages, IOptions<ReminderOptions> options) : EmailQueue<Reminder>
{
    public override EmailQueueOptions Options => options.Value;

    public override string Name => "reminder";

    public override async Task<IReadOnlyDictionary<long, string>> SkipAsync(IReadOnlyList<Reminder> claimed, CancellationToken ct)
    {
        var emails = claimed.Select(r => (string?)r.Email).Distinct().ToList();
        var supporters = await db.Contributions.Where(ContributionRules.Live)
            .Where(c => emails.Contains(c.Supporter.Email))
            .Select(c => c.Supporter.Email).Distinct().ToListAsync(ct);
        var supporting = supporters.ToHashSet(StringComparer.Ordinal);
        return claimed.Where(r => supporting.Contains(r.Email))
            .ToDictionary(r => r.Id, _ => "Became a supporter before the reminder was due");
    }

    public override Task<MimeMessage> BuildAsync(Reminder row, CancellationToken ct) => Task.FromResult(messages.Build(row));
}
