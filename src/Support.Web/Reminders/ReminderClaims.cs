using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Reminders;

namespace Support.Web.Reminders;

/// <summary>
/// The row-level protocol of dispatch. A batch of due reminders is claimed with one conditional update
/// (Pending and due → Sending, a fresh token, the claim time); every later change is conditional on that token, so a
/// process whose claim expired and was recovered cannot overwrite what another process did since.
/// </summary>
public sealed class ReminderClaims(SupportDbContext db, TimeProvider time)
{
    /// <summary>Claims up to <paramref name="max"/> due reminders, oldest due first; returns them in sending order.</summary>
    public async Task<ReminderClaim?> ClaimDueAsync(int max, CancellationToken ct)
    {
        // Checked once, before the claim: a stop that cancelled the update or the read after it had committed would
        // leave a claim nobody holds, stuck until its lease expires.
        ct.ThrowIfCancellationRequested();
        var now = time.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid().ToString("N");
        var candidates = db.Reminders
            .Where(r => r.Status == ReminderStatus.Pending && r.DueAt <= now)
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(max).Select(r => r.Id);
        // The outer conditions are checked again row by row, so two dispatchers that picked the same candidates
        // split them instead of both claiming them (SQL Server re-reads a row it waited for; SQLite runs one writer).
        var claimed = await db.Reminders
            .Where(r => candidates.Contains(r.Id) && r.Status == ReminderStatus.Pending && r.DueAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Sending)
                .SetProperty(r => r.ClaimToken, token)
                .SetProperty(r => r.ClaimedAt, now)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.UpdatedAt, now), CancellationToken.None);
        if (claimed == 0)
        {
            return null;
        }
        var reminders = await Held(token).AsNoTracking().OrderBy(r => r.Id).ToListAsync(CancellationToken.None);
        return new ReminderClaim(token, now, reminders);
    }

    /// <summary>Moves the claim's time forward; false when the claim was lost (expired and recovered elsewhere).</summary>
    public async Task<bool> RenewAsync(ReminderClaim claim, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var renewed = await Held(claim.Token).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, now), ct);
        claim.RenewedAt = now;
        return renewed > 0;
    }

    /// <summary>Leaves Sending for good (Sent, Skipped, Failed). Not cancellable: once the email is out, recording it matters more.</summary>
    public async Task<bool> FinishAsync(ReminderClaim claim, long id, ReminderStatus status, string? reason)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? sentAt = status == ReminderStatus.Sent ? now : null;
        return await Held(claim.Token).Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.StatusReason, reason)
            .SetProperty(r => r.SentAt, sentAt)
            .SetProperty(r => r.ClaimToken, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), CancellationToken.None) > 0;
    }

    /// <summary>Back to Pending with a later due time, after a temporary failure of this reminder's attempt.</summary>
    public async Task<bool> RetryLaterAsync(ReminderClaim claim, long id, DateTime retryAt, string reason)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await Held(claim.Token).Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReminderStatus.Pending)
            .SetProperty(r => r.DueAt, retryAt)
            .SetProperty(r => r.StatusReason, reason)
            .SetProperty(r => r.ClaimToken, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), CancellationToken.None) > 0;
    }

    /// <summary>
    /// Hands back every reminder the claim still holds, none of them attempted (the attempt the claim counted is
    /// undone), due again no earlier than <paramref name="notBefore"/>.
    /// </summary>
    public Task<int> ReleaseAsync(ReminderClaim claim, DateTime? notBefore)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var later = notBefore ?? DateTime.MinValue;
        return Held(claim.Token).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReminderStatus.Pending)
            .SetProperty(r => r.DueAt, r => r.DueAt < later ? later : r.DueAt)
            .SetProperty(r => r.Attempts, r => r.Attempts - 1)
            .SetProperty(r => r.ClaimToken, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), CancellationToken.None);
    }

    /// <summary>The earliest due time of a pending reminder, so an idle dispatcher knows when to look again.</summary>
    public Task<DateTime?> NextDueAsync(CancellationToken ct) =>
        db.Reminders.Where(r => r.Status == ReminderStatus.Pending).MinAsync(r => (DateTime?)r.DueAt, ct);

    private IQueryable<Reminder> Held(string token) =>
        db.Reminders.Where(r => r.ClaimToken == token && r.Status == ReminderStatus.Sending);
}

/// <summary>Reminders claimed together, in the order they are sent.</summary>
public sealed class ReminderClaim(string token, DateTime claimedAt, IReadOnlyList<Reminder> reminders)
{
    public string Token { get; } = token;
    public IReadOnlyList<Reminder> Reminders { get; } = reminders;
    public DateTime RenewedAt { get; set; } = claimedAt;
}
