using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Account;
using Support.Data.Supporters;

namespace Support.Web.Supporters.Emails;

/// <summary>
/// Records planned emails in the webhook's own transaction; the writer hands the new rows' ids to
/// <see cref="SupporterEmailDispatcher"/> only after it commits: a duplicate or rolled-back event enqueues nothing,
/// and a job never runs before its row exists.
/// </summary>
public sealed class SupporterEmailOutbox(SupportDbContext db, TimeProvider time)
{
    private readonly List<EmailDispatch> _added = [];

    /// <summary>Inside the event's transaction. A trigger already recorded (by another event) is skipped.</summary>
    public async Task AddAsync(IEnumerable<PlannedEmail> planned, Contribution contribution, CancellationToken ct)
    {
        var supporter = contribution.Supporter;
        if (supporter.ErasedAt is not null || supporter.Email is null)
        {
            return;
        }
        foreach (var email in planned)
        {
            // The unique (Kind, Key) index decides a race; the loser's transaction is retried and finds this row.
            if (await db.EmailDispatches.AnyAsync(d => d.Kind == email.Kind && d.Key == email.Key, ct))
            {
                continue;
            }
            var dispatch = new EmailDispatch
            {
                Kind = email.Kind,
                Key = email.Key,
                Email = supporter.Email,
                StripeSubscriptionId = contribution.StripeSubscriptionId,
                AmountCents = email.AmountCents,
                Currency = email.Currency,
                EffectiveAt = email.EffectiveAt,
                Status = EmailDispatchStatus.Pending,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.EmailDispatches.Add(dispatch);
            _added.Add(dispatch);
        }
    }

    /// <summary>After the event's SaveChanges (ids are known now): the rows it added, forgotten here.</summary>
    public IReadOnlyList<long> TakeAdded()
    {
        var ids = _added.Select(d => d.Id).ToList();
        _added.Clear();
        return ids;
    }

    /// <summary>The event's changes rolled back: its rows do not exist.</summary>
    public void Discard() => _added.Clear();
}
