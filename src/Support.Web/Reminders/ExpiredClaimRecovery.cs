using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Reminders;

namespace Support.Web.Reminders;

/// <summary>
/// Gives back the reminders of claims that were not renewed within <see cref="ReminderOptions.ClaimLease"/>: their
/// dispatcher died (crash, kill, lost host). Should it still be alive (a pause longer than the lease, or a second
/// process during a deploy), it stops after the message in hand, because recording that one fails. A dispatcher sends its claim in id order and records each reminder
/// before the next, so of the reminders a dead claim still holds only the lowest id can have reached the SMTP
/// server: it is retried once (a second interruption fails it rather than risk more duplicates); the others were
/// never attempted and simply become pending again.
/// </summary>
public sealed class ExpiredClaimRecovery(
    SupportDbContext db,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ExpiredClaimRecovery> logger)
{
    /// <summary>
    /// Claims taken before <paramref name="alsoClaimedBefore"/> are recovered even within their lease: with SQLite
    /// (one process only) a claim older than this process belongs to a process that is gone.
    /// </summary>
    public async Task<int> RecoverAsync(DateTime? alsoClaimedBefore, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expiredBefore = now - options.Value.ClaimLease;
        if (alsoClaimedBefore > expiredBefore)
        {
            expiredBefore = alsoClaimedBefore.Value;
        }
        var expired = await db.Reminders.AsNoTracking()
            .Where(r => r.Status == ReminderStatus.Sending && (r.ClaimedAt ?? r.UpdatedAt) < expiredBefore)
            .Select(r => new { r.Id, r.ClaimToken })
            .ToListAsync(ct);
        var recovered = 0;
        // A row without a token was claimed by the previous design (one job per reminder): a claim of its own.
        foreach (var claim in expired.GroupBy(r => r.ClaimToken ?? $"row-{r.Id}"))
        {
            var ids = claim.Select(r => r.Id).ToList();
            var inFlight = ids.Min();
            // One statement per claim, conditional on the claim still being expired, so a dispatcher that renews
            // at the same moment either keeps all of it or loses all of it.
            recovered += await db.Reminders
                .Where(r => ids.Contains(r.Id) && r.Status == ReminderStatus.Sending
                    && (r.ClaimedAt ?? r.UpdatedAt) < expiredBefore)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, r => r.Id == inFlight && r.RecoveredAt != null ? ReminderStatus.Failed : ReminderStatus.Pending)
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
            logger.LogWarning("Recovered {Count} reminder(s) from {Claims} expired claim(s)", recovered, expired.Select(r => r.ClaimToken).Distinct().Count());
        }
        return recovered;
    }
}
