using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;

namespace Support.Web.Email.Outbox;

/// <summary>
/// Gives back the emails of claims that were not renewed within their lease: their sender died (crash, kill, lost
/// host). Should it still be alive (paused longer than the lease), it stops after the message in hand, because
/// recording that one fails. A sender sends its claim in id order and records each email before the next, so of the
/// emails a dead claim still holds only the lowest id can have reached the SMTP server: it is retried once (a second
/// interruption fails it rather than risk more duplicates); the others were never attempted and are pending again.
/// </summary>
public sealed class ExpiredClaimRecovery<T>(SupportDbContext db, TimeProvider time, ILogger<ExpiredClaimRecovery<T>> logger)
    where T : QueuedEmail
{
    /// <summary>
    /// Claims older than <paramref name="lease"/>, or taken before <paramref name="alsoClaimedBefore"/> (with SQLite,
    /// one process only, a claim older than this process belongs to a process that is gone).
    /// </summary>
    public async Task<int> RecoverAsync(TimeSpan lease, DateTime? alsoClaimedBefore, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expiredBefore = now - lease;
        if (alsoClaimedBefore > expiredBefore)
        {
            expiredBefore = alsoClaimedBefore.Value;
        }
        var expired = await db.Set<T>().AsNoTracking()
            .Where(r => r.Status == EmailStatus.Sending && (r.ClaimedAt ?? r.UpdatedAt) < expiredBefore)
            .Select(r => new { r.Id, r.ClaimToken })
            .ToListAsync(ct);
        var recovered = 0;
        // A row without a token was claimed by an earlier design (one job per email): a claim of its own.
        foreach (var claim in expired.GroupBy(r => r.ClaimToken ?? $"row-{r.Id}"))
        {
            var ids = claim.Select(r => r.Id).ToList();
            var inFlight = ids.Min();
            // One statement per claim, conditional on the claim still being expired, so a sender that renews at
            // the same moment either keeps all of it or loses all of it.
            recovered += await db.Set<T>()
                .Where(r => ids.Contains(r.Id) && r.Status == EmailStatus.Sending && (r.ClaimedAt ?? r.UpdatedAt) < expiredBefore)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, r => r.Id == inFlight && r.RecoveredAt != null ? EmailStatus.Failed : EmailStatus.Pending)
                    .SetProperty(r => r.StatusReason, r => r.Id != inFlight ? r.StatusReason
                        : r.RecoveredAt != null ? "Interrupted twice while sending; not retried to avoid duplicate emails"
                        : "Send was interrupted; retrying once")
                    .SetProperty(r => r.RecoveredAt, r => r.Id == inFlight ? (r.RecoveredAt ?? now) : r.RecoveredAt)
                    .SetProperty(r => r.Attempts, r => r.Id == inFlight ? r.Attempts : r.Attempts - 1)
                    .SetProperty(r => r.ClaimToken, (string?)null)
                    .SetProperty(r => r.UpdatedAt, now), ct);
        }
        if (recovered > 0)
        {
            logger.LogWarning("Recovered {Count} {Kind} email(s) from {Claims} expired claim(s)",
                recovered, typeof(T).Name, expired.Select(r => r.ClaimToken).Distinct().Count());
        }
        return recovered;
    }
}
