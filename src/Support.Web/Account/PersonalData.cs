using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Supporters;
using Support.Web.Data;
using Support.Web.Stripe;

namespace Support.Web.Account;

/// <summary>A supporter's own data: everything we hold for their email, and erasing it (docs/personal-data.md).</summary>
public sealed class PersonalData(SupportDbContext db, IStripeGateway stripe, TimeProvider time, ILogger<PersonalData> logger)
{
    public async Task<object> ExportAsync(string email, CancellationToken ct)
    {
        var supporters = await db.Supporters.AsNoTracking()
            .Where(s => s.Email == email && s.ErasedAt == null)
            .Include(s => s.Contributions).ThenInclude(c => c.Payments)
            .OrderBy(s => s.CreatedAt)
            .ToListAsync(ct);
        var reminders = await db.Reminders.AsNoTracking().Where(r => r.Email == email).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var emails = await db.EmailDispatches.AsNoTracking().Where(d => d.Email == email).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        return new
        {
            email,
            exportedAt = time.GetUtcNow().UtcDateTime,
            supporters = supporters.Select(s => new
            {
                stripeCustomerId = s.StripeCustomerId,
                s.CreatedAt,
                contributions = s.Contributions.OrderBy(c => c.StartedAt).Select(c => new
                {
                    stripeSubscriptionId = c.StripeSubscriptionId,
                    c.AmountCents, c.Currency, status = c.Status.ToString(), c.StartedAt, c.CancelledAt,
                    c.CancelAtPeriodEnd, c.CurrentPeriodEnd, c.CancelRequestedAt, c.CancellationReason, c.ArticleSlug,
                    payments = c.Payments.OrderBy(p => p.CreatedAt).Select(p => new
                    {
                        stripeInvoiceId = p.StripeInvoiceId, p.AmountCents, p.Currency, status = p.Status.ToString(),
                        p.CreatedAt, p.PaidAt, p.FirstFailedAt, p.RefundedCents,
                    }),
                }),
            }),
            reminders = reminders.Select(r => new { r.DueAt, r.ArticleSlug, status = r.Status.ToString(), r.CreatedAt, r.SentAt }),
            emailsSent = emails.Select(d => new { kind = d.Kind.ToString(), d.AmountCents, d.Currency, status = d.Status.ToString(), d.CreatedAt, d.SentAt }),
        };
    }

    /// <summary>
    /// Cancels every live subscription in Stripe first (if Stripe fails, nothing is erased and the supporter can
    /// try again), then in one transaction removes the email and free text, deletes reminders and sign-in links,
    /// and stops pending emails. Amounts and Stripe ids stay for the books.
    /// </summary>
    public async Task EraseAsync(string email, CancellationToken ct)
    {
        var supporters = await db.Supporters.Where(s => s.Email == email && s.ErasedAt == null)
            .Include(s => s.Contributions).ToListAsync(ct);
        foreach (var contribution in supporters.SelectMany(s => s.Contributions)
                     .Where(c => c.Status is not (ContributionStatus.Canceled or ContributionStatus.IncompleteExpired)))
        {
            if (contribution.StripeSubscriptionId is not { } subscriptionId)
            {
                continue; // A one-time gift: nothing more will be charged.
            }
            await stripe.CancelNowAsync(subscriptionId, $"erase-{subscriptionId}", ct);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async token =>
        {
            // Read again inside the unit: a retried transaction starts from nothing.
            foreach (var supporter in await db.Supporters.Where(s => s.Email == email && s.ErasedAt == null).Include(s => s.Contributions).ToListAsync(token))
            {
                supporter.Email = null;
                supporter.ErasedAt = now;
                foreach (var contribution in supporter.Contributions)
                {
                    // Free text may name people; that a cancellation was asked for, and when, stays for reports.
                    contribution.CancellationReason = null;
                }
            }
            await db.SaveChangesAsync(token);
            await db.Reminders.Where(r => r.Email == email).ExecuteDeleteAsync(token);
            await db.SignInTokens.Where(t => t.Email == email).ExecuteDeleteAsync(token);
            // Every session of the account ends with it, on every device.
            await db.AccountSessions.Where(s => s.Email == email).ExecuteDeleteAsync(token);
            await db.EmailDispatches.Where(d => d.Email == email && d.Status == EmailStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, EmailStatus.Skipped), token);
            await db.EmailDispatches.Where(d => d.Email == email).ExecuteUpdateAsync(s => s.SetProperty(d => d.Email, (string?)null), token);
        }, ct);
        logger.LogInformation("Erased the personal data of {Count} supporter record(s) at their request", supporters.Count);
    }
}
