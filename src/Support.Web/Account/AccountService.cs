using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Supporters;

namespace Support.Web.Account;

/// <summary>Reads what a signed-in supporter may see: only contributions of supporters with their email.</summary>
public sealed class AccountService(SupportDbContext db)
{
    public async Task<IReadOnlyList<ContributionView>> ContributionsAsync(string email, CancellationToken ct)
    {
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => c.Supporter.Email == email && c.Supporter.ErasedAt == null)
            .Include(c => c.Payments)
            .OrderByDescending(c => c.StartedAt)
            .ToListAsync(ct);
        return contributions.Select(c => new ContributionView(
            c.Id, c.AmountCents, c.Currency, c.Status, c.StartedAt,
            c.IsLive && !c.CancelAtPeriodEnd && !c.Paused ? c.CurrentPeriodEnd : null,
            c.CancelAtPeriodEnd,
            c.CancelledAt ?? (c.CancelAtPeriodEnd ? c.CurrentPeriodEnd : null),
            c.Payments
                .OrderByDescending(p => p.PaidAt ?? p.CreatedAt)
                .Select(p => new PaymentView(p.PaidAt ?? p.CreatedAt, p.AmountCents, p.Currency, p.Status, p.RefundedCents))
                .ToList(),
            c.Paused, c.PauseResumesAt, c.EndReason,
            c.Frequency)).ToList();
    }

    /// <summary>The contribution if it belongs to this email; null otherwise (someone else's id looks unknown).</summary>
    public Task<Contribution?> FindAsync(string email, long? contributionId, CancellationToken ct) =>
        contributionId is not { } id
            ? Task.FromResult<Contribution?>(null)
            : db.Contributions.Include(c => c.Supporter)
                .SingleOrDefaultAsync(c => c.Id == id && c.Supporter.Email == email && c.Supporter.ErasedAt == null, ct);

    public async Task<AccountView> ViewAsync(string email, FormGuard guard, CancellationToken ct)
    {
        var contributions = await ContributionsAsync(email, ct);
        // A statement per calendar year with a paid payment, newest first.
        var years = contributions.SelectMany(c => c.Payments).Where(p => p.Status == PaymentStatus.Paid)
            .Select(p => p.Date.Year).Distinct().OrderDescending().ToList();
        return new(email, contributions, guard, NewFormToken(), StatementYears: years);
    }

    public static string NewFormToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
