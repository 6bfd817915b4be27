using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reconciliation;
using Support.Data.Supporters;
using Support.Web.Shared;
using Support.Web.Stripe;

namespace Support.Web.Reconciliation;

/// <summary>
/// Compares the subscription invoices and subscriptions Stripe lists (created in a window) with the ledger. Run after
/// the window's events were applied, so a difference left is one no event can heal: an event older than Stripe keeps,
/// or a ledger row changed by hand. Nothing is written to the ledger here.
/// </summary>
public sealed class LedgerComparison(SupportDbContext db, IStripeGateway stripe)
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<Finding>> CompareAsync(DateTime from, CancellationToken ct)
    {
        var findings = new List<Finding>();
        var invoices = new List<InvoiceSnapshot>();
        await foreach (var invoice in stripe.ListInvoicesAsync(from, ct))
        {
            // The ledger keeps subscription invoices; drafts are not yet anything to pay.
            if (invoice.SubscriptionId is not null && invoice.Status != "draft")
            {
                invoices.Add(invoice);
            }
        }
        foreach (var chunk in invoices.Chunk(Chunk))
        {
            var ids = chunk.Select(i => i.Id).ToList();
            var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.StripeInvoiceId)).ToDictionaryAsync(p => p.StripeInvoiceId, ct);
            findings.AddRange(chunk.Select(i => Compare(i, payments.GetValueOrDefault(i.Id))).OfType<Finding>());
        }

        var subscriptions = new List<SubscriptionSnapshot>();
        await foreach (var subscription in stripe.ListSubscriptionsAsync(from, ct))
        {
            subscriptions.Add(subscription);
        }
        foreach (var chunk in subscriptions.Chunk(Chunk))
        {
            var ids = chunk.Select(s => s.Id).ToList();
            var contributions = await db.Contributions.AsNoTracking()
                .Where(c => c.StripeSubscriptionId != null && ids.Contains(c.StripeSubscriptionId))
                .ToDictionaryAsync(c => c.StripeSubscriptionId!, ct);
            findings.AddRange(chunk.Select(s => Compare(s, contributions.GetValueOrDefault(s.Id))).OfType<Finding>());
        }
        return findings;
    }

    private static Finding? Compare(InvoiceSnapshot invoice, Payment? payment)
    {
        var stripeSays = invoice.State == InvoiceStatus.Paid
            ? $"paid {Money.Format(invoice.AmountPaidCents, invoice.Currency)}"
            : $"{invoice.Status}, {Money.Format(invoice.AmountDueCents, invoice.Currency)} due";
        if (payment is null)
        {
            return new(FindingKind.PaymentMissing, invoice.Id, $"Stripe has invoice {invoice.Id} of {invoice.SubscriptionId} ({stripeSays}); the ledger does not.");
        }
        var paidDiffers = invoice.State == InvoiceStatus.Paid
            ? payment.Status != PaymentStatus.Paid || payment.AmountCents != invoice.AmountPaidCents || payment.Currency != invoice.Currency
            : payment.Status == PaymentStatus.Paid;
        return paidDiffers
            ? new(FindingKind.PaymentDiffers, invoice.Id,
                $"Stripe: {stripeSays}; ledger: {payment.Status.ToString().ToLowerInvariant()} {Money.Format(payment.AmountCents, payment.Currency)}.")
            : null;
    }

    private static Finding? Compare(SubscriptionSnapshot subscription, Contribution? contribution)
    {
        var status = StripeStatuses.Subscription(subscription.Status);
        if (contribution is null)
        {
            // A checkout abandoned before payment leaves an incomplete subscription the ledger need not have.
            return status is ContributionStatus.Incomplete or ContributionStatus.IncompleteExpired ? null
                : new(FindingKind.ContributionMissing, subscription.Id,
                    $"Stripe has subscription {subscription.Id} ({subscription.Status}, {Money.Format(subscription.AmountCents, subscription.Currency)}); the ledger does not.");
        }
        return contribution.Status != status || contribution.AmountCents != subscription.AmountCents
            ? new(FindingKind.ContributionDiffers, subscription.Id,
                $"Stripe: {subscription.Status} {Money.Format(subscription.AmountCents, subscription.Currency)}; " +
                $"ledger: {contribution.Status.ToString().ToLowerInvariant()} {Money.Format(contribution.AmountCents, contribution.Currency)}.")
            : null;
    }
}
