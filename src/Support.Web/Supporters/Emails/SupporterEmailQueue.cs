using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Microsoft.Extensions.Options;
using MimeKit;
using Support.Data;
using Support.Web.Account;
using Support.Web.Email.Outbox;
using Support.Web.Reminders;

namespace Support.Web.Supporters.Emails;

/// <summary>
/// Supporter emails, sign-in links and reminder change confirmations (<see cref="ReminderChangeEmails"/>) on the
/// shared sending protocol. Nothing goes to an erased supporter; a sign-in link goes only to an address a supporter has, with a token made at sending time (a resend after a crash makes a
/// second working link, not a broken one), and an address no supporter has is forgotten.
/// </summary>
public sealed class SupporterEmailQueue(
    SupportDbContext db,
    SupporterEmailBuilder messages,
    SignInLinks links,
    ReminderChangeEmails reminderChanges,
    IOptions<SupporterEmailOptions> options) : EmailQueue<EmailDispatch>
{
    public override EmailQueueOptions Options => options.Value;

    public override string Name => "supporter";

    public override string KindOf(EmailDispatch row) => row.Kind.ToString();

    public override async Task<IReadOnlyDictionary<long, string>> SkipAsync(IReadOnlyList<EmailDispatch> claimed, CancellationToken ct)
    {
        var skipped = claimed.Where(d => d.Email is null).ToDictionary(d => d.Id, _ => "The supporter deleted their account");
        foreach (var (id, reason) in await reminderChanges.SkipAsync(claimed, ct))
        {
            skipped[id] = reason;
        }
        var signIns = claimed.Where(d => d.Kind == EmailKind.SignInLink && d.Email is not null).ToList();
        if (signIns.Count == 0)
        {
            return skipped;
        }
        var addresses = signIns.Select(d => d.Email).Distinct().ToList();
        var known = (await db.Supporters.Where(s => addresses.Contains(s.Email) && s.ErasedAt == null)
            .Select(s => s.Email!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var unknown = signIns.Where(d => !known.Contains(d.Email!)).Select(d => d.Id).ToList();
        if (unknown.Count > 0)
        {
            await db.EmailDispatches.Where(d => unknown.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.Email, (string?)null), ct);
        }
        foreach (var id in unknown)
        {
            skipped[id] = "No supporter has this address";
        }
        return skipped;
    }

    public override async Task<MimeMessage> BuildAsync(EmailDispatch row, CancellationToken ct) => row.Kind switch
    {
        EmailKind.SignInLink => messages.SignInLink(row.Email!, await links.IssueAsync(row.Email!, ct)),
        EmailKind.ReminderChange => reminderChanges.Build(row),
        _ => messages.Build(row),
    };
}
