using Hangfire;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Account;
using Support.Data.Supporters;

namespace Support.Web.Supporters.Emails;

/// <summary>
/// Records planned emails in the webhook's own transaction, and enqueues their jobs only after it commits:
/// a duplicate or rolled-back event enqueues nothing, and a job never runs before its row exists.
/// </summary>
public sealed class SupporterEmailOutbox(SupportDbContext db, IBackgroundJobClient jobs, TimeProvider time, ILogger<SupporterEmailOutbox> logger)
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

    /// <summary>After the commit: one job per new row (ids are known now).</summary>
    public void EnqueueAdded()
    {
        foreach (var dispatch in _added)
        {
            jobs.Enqueue<SupporterEmailJob>(j => j.SendAsync(dispatch.Id, CancellationToken.None));
            logger.LogInformation("Enqueued {Kind} email {DispatchId}", dispatch.Kind, dispatch.Id);
        }
        _added.Clear();
    }

    /// <summary>The transaction rolled back: its rows do not exist.</summary>
    public void Discard() => _added.Clear();
}
