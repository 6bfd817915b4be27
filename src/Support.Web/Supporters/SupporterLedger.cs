using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Supporters;
using Support.Data.Supporters.Emails;
using Support.Web.Data;
using Support.Web.Shared;
using Support.Web.Stripe;

namespace Support.Web.Supporters;

/// <summary>
/// Writes what Stripe tells us into supporters, contributions and payments. Every method is an upsert by
/// Stripe's natural key whose merge rules do not depend on the order in which facts arrive, so any order and
/// any duplication of webhook deliveries ends in the same rows.
/// </summary>
public sealed class SupporterLedger(SupportDbContext db, TimeProvider time, ILogger<SupporterLedger> logger)
{
    public async Task<Supporter> UpsertSupporterAsync(string customerId, string? email, DateTime seenAt, CancellationToken ct)
    {
        var supporter = await FindSupporterAsync(customerId, ct);
        if (supporter is null)
        {
            supporter = new Supporter { StripeCustomerId = customerId, CreatedAt = seenAt };
            db.Supporters.Add(supporter);
        }
        NoteEmail(supporter, email);
        if (seenAt < supporter.CreatedAt)
        {
            supporter.CreatedAt = seenAt;
        }
        return supporter;
    }

    /// <summary>
    /// Locks and loads, one statement each, the rows a batch of writes will touch, so each write finds them (or knows
    /// they do not exist) without a query of its own. Inside the batch's transaction; <see cref="Forget"/> after a
    /// write was rolled back, since what is tracked may then differ from the database.
    /// </summary>
    public async Task LoadAsync(IReadOnlyCollection<LedgerKeys> keys, CancellationToken ct)
    {
        var customers = keys.Select(k => k.CustomerId).OfType<string>().Distinct().ToList();
        var subscriptions = keys.Select(k => k.SubscriptionId).OfType<string>().Distinct().ToList();
        var invoices = keys.Select(k => k.InvoiceId).OfType<string>().Distinct().ToList();
        var intents = keys.Select(k => k.PaymentIntentId).OfType<string>().Distinct().ToList();
        await LockSupporters(db.Supporters.Where(s => customers.Contains(s.StripeCustomerId)), ct);
        await db.Supporters.Where(s => customers.Contains(s.StripeCustomerId)).LoadAsync(ct);
        await db.Contributions.Where(c => subscriptions.Contains(c.StripeSubscriptionId!)).LoadAsync(ct);
        if (intents.Count > 0)
        {
            await db.Contributions.Where(c => intents.Contains(c.StripePaymentIntentId!)).LoadAsync(ct);
        }
        await db.Payments.Where(p => invoices.Contains(p.StripeInvoiceId)).LoadAsync(ct);
        _loaded.UnionWith(customers.Select(id => "cus:" + id).Concat(subscriptions.Select(id => "sub:" + id))
            .Concat(invoices.Select(id => "in:" + id)).Concat(intents.Select(id => "pi:" + id)));
    }

    public void Forget() => _loaded.Clear();

    /// <summary>Rows loaded by <see cref="LoadAsync"/>: found in the change tracker, or known not to exist.</summary>
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);

    private async Task<Supporter?> FindSupporterAsync(string customerId, CancellationToken ct)
    {
        if (_loaded.Contains("cus:" + customerId))
        {
            return db.Supporters.Local.FirstOrDefault(s => s.StripeCustomerId == customerId);
        }
        await LockSupporters(db.Supporters.Where(s => s.StripeCustomerId == customerId), ct);
        return await db.Supporters.SingleOrDefaultAsync(s => s.StripeCustomerId == customerId, ct);
    }

    /// <summary>
    /// Takes the supporters' row locks before reading them. On a server database events and an erasure run at once:
    /// whichever holds the lock goes first, and the other then reads the row as committed, so an event never queues
    /// an email to an address erased meanwhile. The update changes nothing.
    /// </summary>
    private static Task LockSupporters(IQueryable<Supporter> supporters, CancellationToken ct) =>
        supporters.ExecuteUpdateAsync(s => s.SetProperty(x => x.Email, x => x.Email), ct);

    /// <summary>Records the address Stripe knows, unless the supporter erased their account (it must not come back).</summary>
    public static void NoteEmail(Supporter supporter, string? email)
    {
        if (supporter.ErasedAt is null && email is not null)
        {
            supporter.Email = email;
        }
    }

    /// <summary>
    /// A supporter's change that Stripe just confirmed, mirrored at once so the account page shows it (the webhook that
    /// follows brings the same state), with <paramref name="also"/> for what only Support records (a cancellation's
    /// reason). One transaction in the execution strategy, like a Stripe event's, so its report deltas are atomic.
    /// </summary>
    public Task MirrorAsync(SubscriptionSnapshot subscription, Action<Contribution>? also, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            var contribution = await ApplySubscriptionAsync(subscription, null, token);
            also?.Invoke(contribution);
            await db.SaveChangesAsync(token);
        }, ct);

    /// <summary>Mirrors Stripe's current view of the subscription (fetched fresh, so order does not matter).</summary>
    public async Task<Contribution> ApplySubscriptionAsync(SubscriptionSnapshot subscription, string? articleSlug, CancellationToken ct)
    {
        var supporter = await UpsertSupporterAsync(subscription.CustomerId, subscription.CustomerEmail, subscription.StartedAt, ct);
        var contribution = _loaded.Contains("sub:" + subscription.Id)
            ? db.Contributions.Local.FirstOrDefault(c => c.StripeSubscriptionId == subscription.Id)
            : await db.Contributions.SingleOrDefaultAsync(c => c.StripeSubscriptionId == subscription.Id, ct);
        if (contribution is null)
        {
            contribution = new Contribution { StripeSubscriptionId = subscription.Id, Currency = subscription.Currency, Supporter = supporter };
            db.Contributions.Add(contribution);
        }
        contribution.Supporter = supporter;
        contribution.AmountCents = subscription.AmountCents;
        contribution.Currency = subscription.Currency;
        contribution.Frequency = subscription.Frequency;
        contribution.Status = subscription.State;
        contribution.StripeStatus = subscription.State == ContributionStatus.Unknown ? Text.Cut(subscription.Status, Contribution.MaxStripeStatusLength) : null;
        if (subscription.State == ContributionStatus.Unknown)
        {
            logger.LogWarning("Subscription {SubscriptionId} has the status {Status}, which Support does not know; it is kept as Unknown and shown in reports",
                subscription.Id, subscription.Status);
        }
        contribution.StartedAt = subscription.StartedAt;
        contribution.CancelledAt = subscription.EndedAt;
        contribution.CancelAtPeriodEnd = subscription.CancelAtPeriodEnd;
        contribution.CurrentPeriodEnd = subscription.CurrentPeriodEnd;
        contribution.ArticleSlug ??= subscription.ArticleSlug ?? articleSlug;
        contribution.Paused = subscription.Paused && subscription.EndedAt is null;
        contribution.PauseResumesAt = contribution.Paused ? subscription.PauseResumesAt : null;
        contribution.EndReason = subscription.EndedAt is null ? null : ParseEndReason(subscription);
        contribution.UpdatedAt = time.GetUtcNow().UtcDateTime;
        return contribution;
    }

    /// <summary>
    /// A one-time gift, keyed by its payment intent: a contribution without a subscription that holds the one payment.
    /// Every value comes from the invoice read fresh, so the event that arrives first writes what the others would.
    /// </summary>
    public async Task<Contribution> ApplyOneTimeGiftAsync(InvoiceSnapshot invoice, CancellationToken ct)
    {
        var paymentIntentId = invoice.PaymentIntentId!;
        var supporter = await UpsertSupporterAsync(invoice.CustomerId!, invoice.CustomerEmail, invoice.CreatedAt, ct);
        var contribution = _loaded.Contains("pi:" + paymentIntentId)
            ? db.Contributions.Local.FirstOrDefault(c => c.StripePaymentIntentId == paymentIntentId)
            : await db.Contributions.SingleOrDefaultAsync(c => c.StripePaymentIntentId == paymentIntentId, ct);
        if (contribution is null)
        {
            contribution = new Contribution { StripePaymentIntentId = paymentIntentId, Currency = invoice.Currency, Supporter = supporter };
            db.Contributions.Add(contribution);
        }
        contribution.Supporter = supporter;
        contribution.Frequency = GiftFrequency.Once;
        contribution.Status = ContributionStatus.Completed;
        contribution.AmountCents = invoice.State == InvoiceStatus.Paid ? invoice.AmountPaidCents : invoice.AmountDueCents;
        contribution.StartedAt = invoice.PaidAt ?? invoice.CreatedAt;
        contribution.ArticleSlug ??= invoice.ArticleSlug;
        contribution.ExperimentVariantId ??= invoice.ExperimentVariantId;
        contribution.UpdatedAt = time.GetUtcNow().UtcDateTime;
        return contribution;
    }

    /// <summary>Records an invoice outcome. Paid wins over failed; the first failure is kept to count recoveries.</summary>
    public async Task<Payment> ApplyInvoiceAsync(Contribution contribution, InvoiceSnapshot invoice, InvoiceOutcome outcome, DateTime occurredAt, CancellationToken ct)
    {
        var payment = await FindOrAddPaymentAsync(contribution, invoice, ct);
        payment.StripePaymentIntentId ??= invoice.PaymentIntentId;
        payment.InvoiceNumber ??= invoice.Number;
        if (invoice.State == InvoiceStatus.Unknown && invoice.Status is not null)
        {
            logger.LogWarning("Invoice {InvoiceId} has the status {Status}, which Support does not know; only the event decides its outcome",
                invoice.Id, invoice.Status);
        }
        var paid = outcome == InvoiceOutcome.Paid || invoice.State == InvoiceStatus.Paid;
        if (paid)
        {
            payment.Status = PaymentStatus.Paid;
            payment.AmountCents = invoice.AmountPaidCents;
            payment.PaidAt = invoice.PaidAt ?? occurredAt;
        }
        else if (payment.Status != PaymentStatus.Paid)
        {
            payment.AmountCents = invoice.AmountDueCents;
            if (outcome == InvoiceOutcome.Failed)
            {
                payment.Status = PaymentStatus.Failed;
            }
        }
        if (outcome == InvoiceOutcome.Failed && (payment.FirstFailedAt is null || occurredAt < payment.FirstFailedAt))
        {
            payment.FirstFailedAt = occurredAt;
        }
        return payment;
    }

    /// <summary>Refunds only grow, and Stripe reports the cumulative amount, so the larger figure is the truth.</summary>
    public static void ApplyRefund(Payment payment, long cumulativeRefundedCents) =>
        payment.RefundedCents = Math.Max(payment.RefundedCents, cumulativeRefundedCents);

    /// <summary>
    /// Mirrors the dispute (read fresh) on its payment; won or lost is final, fees only grow. A thank-you for the
    /// payment not yet sent is withheld: nobody is thanked for a gift their bank took back.
    /// </summary>
    public async Task ApplyDisputeAsync(Payment payment, DisputeSnapshot dispute, CancellationToken ct)
    {
        var status = dispute.Status switch
        {
            "won" => DisputeStatus.Won,
            "lost" => DisputeStatus.Lost,
            // needs_response, under_review and their warning_ forms: still open.
            _ => DisputeStatus.Open,
        };
        if (payment.DisputeStatus is not (DisputeStatus.Won or DisputeStatus.Lost))
        {
            payment.DisputeStatus = status;
        }
        payment.StripeDisputeId = dispute.Id;
        payment.DisputedAt ??= dispute.CreatedAt;
        payment.DisputedCents = dispute.AmountCents;
        payment.DisputeFeeCents = Math.Max(payment.DisputeFeeCents, dispute.FeeCents);
        payment.DisputeLossCents = payment.DisputeFeeCents + (payment.DisputeStatus == DisputeStatus.Lost ? payment.DisputedCents : 0);
        // Saved rows in the database, and one an earlier event of the same batch added and has not saved yet.
        foreach (var unsaved in db.EmailDispatches.Local.Where(d => d.Kind == EmailKind.ThankYou && d.Key == payment.StripeInvoiceId && d.Status == EmailStatus.Pending))
        {
            unsaved.Status = EmailStatus.Skipped;
        }
        await db.EmailDispatches
            .Where(d => d.Kind == EmailKind.ThankYou && d.Key == payment.StripeInvoiceId && d.Status == EmailStatus.Pending)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, EmailStatus.Skipped), ct);
    }

    private async Task<Payment> FindOrAddPaymentAsync(Contribution contribution, InvoiceSnapshot invoice, CancellationToken ct)
    {
        var payment = _loaded.Contains("in:" + invoice.Id)
            ? db.Payments.Local.FirstOrDefault(p => p.StripeInvoiceId == invoice.Id)
            : await db.Payments.SingleOrDefaultAsync(p => p.StripeInvoiceId == invoice.Id, ct);
        if (payment is null)
        {
            payment = new Payment
            {
                StripeInvoiceId = invoice.Id,
                Currency = invoice.Currency,
                Contribution = contribution,
                Status = PaymentStatus.Pending,
                AmountCents = invoice.AmountDueCents,
                CreatedAt = invoice.CreatedAt,
            };
            db.Payments.Add(payment);
        }
        return payment;
    }

    /// <summary>Stripe's reasons are a closed set; one we do not know is logged and kept as no reason, never guessed.</summary>
    private ContributionEndReason? ParseEndReason(SubscriptionSnapshot subscription)
    {
        switch (subscription.EndReason)
        {
            case "cancellation_requested": return ContributionEndReason.CancellationRequested;
            case "payment_failed": return ContributionEndReason.PaymentFailed;
            case "payment_disputed": return ContributionEndReason.PaymentDisputed;
            case null: return null;
            default:
                logger.LogWarning("Subscription {SubscriptionId} ended for a reason we do not know: {Reason}", subscription.Id, subscription.EndReason);
                return null;
        }
    }
}

/// <summary>The Stripe ids of the rows one write touches, for <see cref="SupporterLedger.LoadAsync"/>.</summary>
public sealed record LedgerKeys(string? CustomerId, string? SubscriptionId, string? InvoiceId, string? PaymentIntentId = null);

public enum InvoiceOutcome
{
    Unknown,
    Paid,
    Failed,
}
