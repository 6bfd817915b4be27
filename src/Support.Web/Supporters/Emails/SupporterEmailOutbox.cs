using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Support.Data;
using Support.Data.Email;
using Support.Data.Supporters;
using Microsoft.Extensions.Options;
using Support.Web.Email.Outbox;
using Support.Web.Keeping;

namespace Support.Web.Supporters.Emails;

/// <summary>
/// Writes the rows the supporter email senders send. A webhook's rows go in its own transaction, so a duplicate or
/// rolled-back event writes none; the senders are woken only after the commit, and poll for rows of other processes.
/// </summary>
public sealed class SupporterEmailOutbox(SupportDbContext db, EmailWakeup<EmailDispatch> wakeup, TimeProvider time,
    IOptions<KeepingOptions> keeping, IOptions<SupporterEmailOptions> options)
{
    /// <summary>Inside the event's transaction (saved with it). A trigger already recorded (by another event) is skipped.</summary>
    public async Task AddAsync(IEnumerable<PlannedEmail> planned, Contribution contribution, CancellationToken ct)
    {
        var supporter = contribution.Supporter;
        if (supporter.ErasedAt is not null || supporter.Email is null)
        {
            return;
        }
        foreach (var email in planned.Where(e => e.OnlyFor is null || e.OnlyFor == contribution.Frequency))
        {
            // The unique (Kind, Key) index decides a race; the loser's transaction is retried and finds this row.
            if (await ExistsAsync(email.Kind, email.Key, ct)
                || email.Kind == EmailKind.ThankYou && await IsDisputedAsync(email.Key, ct))
            {
                continue;
            }
            var dispatch = New(email.Kind, email.Key, supporter.Email, email.Currency);
            dispatch.StripeSubscriptionId = contribution.StripeSubscriptionId;
            dispatch.AmountCents = email.AmountCents;
            dispatch.EffectiveAt = email.EffectiveAt;
            dispatch.Link = email.Link;
            dispatch.DueAt = DueAt(email, dispatch.DueAt);
            dispatch.Frequency = contribution.Frequency;
            dispatch.Reference = email.Reference;
            db.EmailDispatches.Add(dispatch);
        }
    }

    /// <summary>
    /// Reads, in one query, which of the rows a batch of events plans exist already, so <see cref="AddAsync"/> needs no
    /// query per email. Inside the batch's transaction; <see cref="Forget"/> after a write was rolled back.
    /// </summary>
    public async Task LoadAsync(IReadOnlyCollection<PlannedEmail> planned, CancellationToken ct)
    {
        var kinds = planned.Select(e => e.Kind).Distinct().ToList();
        var keys = planned.Select(e => e.Key).Distinct().ToList();
        var existing = await db.EmailDispatches.AsNoTracking().Where(d => kinds.Contains(d.Kind) && keys.Contains(d.Key))
            .Select(d => new { d.Kind, d.Key }).ToListAsync(ct);
        _existing.UnionWith(existing.Select(d => (d.Kind, d.Key)));
        _loaded.UnionWith(planned.Select(e => (e.Kind, e.Key)));
    }

    public void Forget()
    {
        _loaded.Clear();
        _existing.Clear();
    }

    private readonly HashSet<(EmailKind, string)> _loaded = [];
    private readonly HashSet<(EmailKind, string)> _existing = [];

    /// <summary>Saved before (loaded for the batch, else asked), or added by an earlier event of the same batch and not saved yet.</summary>
    private async Task<bool> ExistsAsync(EmailKind kind, string key, CancellationToken ct) =>
        db.EmailDispatches.Local.Any(d => d.Kind == kind && d.Key == key)
        || (_loaded.Contains((kind, key)) ? _existing.Contains((kind, key)) : await db.EmailDispatches.AnyAsync(d => d.Kind == kind && d.Key == key, ct));

    /// <summary>
    /// Most go at once; a payment failure waits a moment (ADR 0014), a pause's reminder goes a few days before it ends,
    /// and a renewal notice Stripe announces early waits until it is due.
    /// </summary>
    private DateTime DueAt(PlannedEmail email, DateTime now) => email.Kind switch
    {
        EmailKind.PaymentFailed => now + keeping.Value.PaymentFailedEmailHold,
        EmailKind.PauseEnding when email.EffectiveAt is { } endsAt && endsAt - keeping.Value.PauseReminderLead > now =>
            endsAt - keeping.Value.PauseReminderLead,
        EmailKind.RenewalNotice when email.EffectiveAt is { } renewsAt && renewsAt - options.Value.RenewalNoticeDays > now =>
            renewsAt - options.Value.RenewalNoticeDays,
        _ => now,
    };

    /// <summary>A dispute that arrived before the payment's own event: no thank-you for a gift the bank took back.</summary>
    private async Task<bool> IsDisputedAsync(string invoiceId, CancellationToken ct) =>
        db.Payments.Local.FirstOrDefault(p => p.StripeInvoiceId == invoiceId) is { } tracked
            ? tracked.DisputeStatus != DisputeStatus.None
            : await db.Payments.AnyAsync(p => p.StripeInvoiceId == invoiceId && p.DisputeStatus != DisputeStatus.None, ct);

    /// <summary>
    /// A sign-in link asked for on /account, for any address: whether a supporter has it is decided when it is sent,
    /// so the request is answered the same way and in the same time either way.
    /// </summary>
    public async Task AddSignInLinkAsync(string email, CancellationToken ct)
    {
        db.EmailDispatches.Add(New(EmailKind.SignInLink, Guid.NewGuid().ToString("N"), email, currency: ""));
        await db.SaveChangesAsync(ct);
        wakeup.Notify();
    }

    private EmailDispatch New(EmailKind kind, string key, string email, string currency)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new EmailDispatch
        {
            Kind = kind,
            Key = key,
            Email = email,
            Currency = currency,
            Status = EmailStatus.Pending,
            DueAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
