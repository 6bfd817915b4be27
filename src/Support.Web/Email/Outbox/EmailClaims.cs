using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Web.Shared;

namespace Support.Web.Email.Outbox;

/// <summary>
/// The row-level protocol of sending. A batch of due emails is claimed with one conditional update (Pending and due
/// → Sending, a fresh token, the claim time); every later change is conditional on that token, so a process whose
/// claim expired and was recovered cannot overwrite what another process did since.
/// </summary>
public sealed class EmailClaims<T>(SupportDbContext db, TimeProvider time) where T : QueuedEmail
{
    /// <summary>Claims up to <paramref name="max"/> due emails, oldest due first; returns them in sending order.</summary>
    public async Task<EmailClaim<T>?> ClaimDueAsync(int max, CancellationToken ct)
    {
        // Checked once, before the claim: a stop that cancelled the update or the read after it had committed would
        // leave a claim nobody holds, stuck until its lease expires.
        ct.ThrowIfCancellationRequested();
        var now = time.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid().ToString("N");
        var candidates = db.Set<T>()
            .Where(r => r.Status == EmailStatus.Pending && r.DueAt <= now)
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(max).Select(r => r.Id);
        // The outer conditions are checked again row by row, so two senders that picked the same candidates split
        // them instead of both claiming them (a server database re-reads a row it waited for; SQLite runs one writer).
        var claimed = await db.Set<T>()
            .Where(r => candidates.Contains(r.Id) && r.Status == EmailStatus.Pending && r.DueAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, EmailStatus.Sending)
                .SetProperty(r => r.ClaimToken, token)
                .SetProperty(r => r.ClaimedAt, now)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.UpdatedAt, now), CancellationToken.None);
        if (claimed == 0)
        {
            return null;
        }
        var rows = await Held(token).AsNoTracking().OrderBy(r => r.Id).ToListAsync(CancellationToken.None);
        return new EmailClaim<T>(token, rows);
    }

    /// <summary>Moves the claim's time forward; false when the claim was lost (expired and recovered elsewhere).</summary>
    public async Task<bool> RenewAsync(string token, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await Held(token).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, now), ct) > 0;
    }

    /// <summary>Leaves Sending for good (Sent, Skipped, Failed). Not cancellable: once the email is out, recording it matters more.</summary>
    public async Task<bool> FinishAsync(EmailClaim<T> claim, long id, EmailStatus status, string? reason)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? sentAt = status == EmailStatus.Sent ? now : null;
        var text = Truncate(reason);
        return await Held(claim.Token).Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.StatusReason, text)
            .SetProperty(r => r.SentAt, sentAt)
            .SetProperty(r => r.ClaimToken, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), CancellationToken.None) > 0;
    }

    /// <summary>Back to Pending with a later due time, after a temporary failure of this email's attempt.</summary>
    public async Task<bool> RetryLaterAsync(EmailClaim<T> claim, long id, DateTime retryAt, string reason)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var text = Truncate(reason);
        return await Held(claim.Token).Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, EmailStatus.Pending)
            .SetProperty(r => r.DueAt, retryAt)
            .SetProperty(r => r.StatusReason, text)
            .SetProperty(r => r.ClaimToken, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), CancellationToken.None) > 0;
    }

    /// <summary>
    /// Hands back every email the claim still holds, none of them attempted (the attempt the claim counted is
    /// undone), due again no earlier than <paramref name="notBefore"/>: after a refused connection, or at a stop.
    /// </summary>
    public Task<int> ReleaseAsync(EmailClaim<T> claim, DateTime? notBefore)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var later = notBefore ?? DateTime.MinValue;
        return Held(claim.Token).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, EmailStatus.Pending)
            .SetProperty(r => r.DueAt, r => r.DueAt < later ? later : r.DueAt)
            .SetProperty(r => r.Attempts, r => r.Attempts - 1)
            .SetProperty(r => r.ClaimToken, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), CancellationToken.None);
    }

    /// <summary>The earliest due time of a pending email, so an idle sender sleeps exactly until then.</summary>
    public Task<DateTime?> NextDueAsync(CancellationToken ct) =>
        db.Set<T>().Where(r => r.Status == EmailStatus.Pending).MinAsync(r => (DateTime?)r.DueAt, ct);

    private IQueryable<T> Held(string token) =>
        db.Set<T>().Where(r => r.ClaimToken == token && r.Status == EmailStatus.Sending);

    public static string? Truncate(string? text) => Text.Cut(text, QueuedEmail.MaxReasonLength);
}

/// <summary>Emails claimed together, in the order they are sent.</summary>
public sealed class EmailClaim<T>(string token, IReadOnlyList<T> rows) where T : QueuedEmail
{
    public string Token { get; } = token;
    public IReadOnlyList<T> Rows { get; } = rows;
}
