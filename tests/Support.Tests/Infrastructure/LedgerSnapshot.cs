using System.Text;
using Microsoft.EntityFrameworkCore;
using Support.Data;

namespace Support.Tests.Infrastructure;

/// <summary>The ledger's business state as text, to compare the results of different delivery orders.</summary>
public static class LedgerSnapshot
{
    public static async Task<string> TakeAsync(SupportDbContext db)
    {
        var text = new StringBuilder();
        foreach (var s in await db.Supporters.AsNoTracking().OrderBy(s => s.StripeCustomerId).ToListAsync())
        {
            text.AppendLine($"supporter {s.StripeCustomerId} {s.Email} {s.CreatedAt:O}");
        }
        foreach (var c in await db.Contributions.AsNoTracking().Include(c => c.Supporter).OrderBy(c => c.StripeSubscriptionId).ThenBy(c => c.StripePaymentIntentId).ToListAsync())
        {
            text.AppendLine($"contribution {c.StripeSubscriptionId} {c.StripePaymentIntentId} {c.Frequency} {c.Supporter.StripeCustomerId} {c.AmountCents} {c.Currency} {c.Status} " +
                $"{c.StartedAt:O} {c.CancelledAt:O} {c.CancelAtPeriodEnd} {c.CurrentPeriodEnd:O} {c.ArticleSlug}");
        }
        foreach (var p in await db.Payments.AsNoTracking().Include(p => p.Contribution).OrderBy(p => p.StripeInvoiceId).ToListAsync())
        {
            text.AppendLine($"payment {p.StripeInvoiceId} {p.Contribution.StripeSubscriptionId} {p.Contribution.StripePaymentIntentId} {p.StripePaymentIntentId} {p.InvoiceNumber} {p.AmountCents} {p.Currency} " +
                $"{p.Status} {p.PaidAt:O} {p.FirstFailedAt:O} {p.RefundedCents} {p.CreatedAt:O} " +
                $"{p.DisputeStatus} {p.StripeDisputeId} {p.DisputedAt:O} {p.DisputedCents} {p.DisputeFeeCents} {p.DisputeLossCents}");
        }
        return text.ToString();
    }

    /// <summary>Forgets everything the webhooks wrote, so the same events can be applied again from scratch.</summary>
    public static async Task ClearAsync(SupportDbContext db)
    {
        await db.Payments.ExecuteDeleteAsync();
        await db.Contributions.ExecuteDeleteAsync();
        await db.Supporters.ExecuteDeleteAsync();
        await db.ProcessedStripeEvents.ExecuteDeleteAsync();
        // What the ledger's rows counted goes with them (the month rows are the callers' choice: some keep them).
        await db.ReportLiveGifts.ExecuteDeleteAsync();
        await db.ReportArticleMonths.ExecuteDeleteAsync();
        await db.ReportActiveSupporters.ExecuteDeleteAsync();
    }
}
