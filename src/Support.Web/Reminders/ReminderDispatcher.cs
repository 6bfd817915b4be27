using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Reminders;
using Support.Data.Supporters;
using Support.Web.Email;
using Support.Web.Hosting;

namespace Support.Web.Reminders;

/// <summary>
/// One dispatch round: claims due reminders a batch at a time and sends them over one SMTP connection, recording
/// each reminder before the next is sent, until nothing is due. Several rounds may run at once (other
/// connections, other processes): the claims keep them apart.
/// </summary>
public sealed class ReminderDispatcher(
    SupportDbContext db,
    ReminderClaims claims,
    IEmailSender sender,
    ReminderMessageBuilder messages,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    SupportMetrics metrics,
    ILogger<ReminderDispatcher> logger)
{
    /// <summary>Returns how many claimed reminders were settled (sent, skipped, failed or rescheduled).</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var settled = 0;
        await using var connection = sender.OpenBatch();
        while (await claims.ClaimDueAsync(options.Value.DispatchBatchSize, ct) is { } claim)
        {
            var (count, carryOn) = await SendAsync(claim, connection, ct);
            settled += count;
            if (!carryOn)
            {
                break;
            }
        }
        return settled;
    }

    private async Task<(int Settled, bool CarryOn)> SendAsync(ReminderClaim claim, IEmailBatch connection, CancellationToken ct)
    {
        var settled = new HashSet<long>();
        try
        {
            settled = await SkipSupportersAsync(claim, ct);
            foreach (var reminder in claim.Reminders.Where(r => !settled.Contains(r.Id)))
            {
                ct.ThrowIfCancellationRequested();
                if (time.GetUtcNow().UtcDateTime - claim.RenewedAt > options.Value.ClaimLease / 3 && !await claims.RenewAsync(claim, ct))
                {
                    return LostClaim(claim, settled.Count);
                }
                try
                {
                    // Not cancelled by a stop once started (Smtp:Timeout bounds it): cancelling between the server's
                    // acceptance and our record would send this one again after the restart.
                    await connection.SendAsync(messages.Build(reminder), CancellationToken.None);
                }
                catch (EmailDeliveryException e)
                {
                    await HandleFailureAsync(claim, reminder, e);
                    settled.Add(reminder.Id);
                    if (e.ServerUnavailable)
                    {
                        // The rest would fail the same way: hand them back, untouched, for after the first retry delay.
                        await claims.ReleaseAsync(claim, time.GetUtcNow().Add(options.Value.RetryDelay(1)).UtcDateTime);
                        return (settled.Count, false);
                    }
                    continue;
                }
                // The one moment a crash resends: the server has the message, the row does not say so yet.
                if (!await claims.FinishAsync(claim, reminder.Id, ReminderStatus.Sent, null))
                {
                    return LostClaim(claim, settled.Count);
                }
                metrics.ReminderSent(time.GetUtcNow().UtcDateTime - reminder.DueAt);
                settled.Add(reminder.Id);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what this claim has not sent yet is pending and due again at once, so another instance (or the
            // next start) claims it on its next look instead of waiting for the lease to expire.
            await claims.ReleaseAsync(claim, notBefore: null);
            throw;
        }
        logger.LogInformation("Reminder batch of {Count} settled", claim.Reminders.Count);
        return (settled.Count, true);
    }

    /// <summary>Readers who became supporters get no reminder: one query per batch.</summary>
    private async Task<HashSet<long>> SkipSupportersAsync(ReminderClaim claim, CancellationToken ct)
    {
        var emails = claim.Reminders.Select(r => (string?)r.Email).Distinct().ToList();
        var supporters = await db.Supporters
            .Where(s => emails.Contains(s.Email) && s.Contributions.Any(c =>
                c.Status == ContributionStatus.Active || c.Status == ContributionStatus.PastDue || c.Status == ContributionStatus.Trialing))
            .Select(s => s.Email).ToListAsync(ct);
        var supporting = supporters.ToHashSet(StringComparer.Ordinal);
        var skipped = new HashSet<long>();
        foreach (var reminder in claim.Reminders.Where(r => supporting.Contains(r.Email)))
        {
            await claims.FinishAsync(claim, reminder.Id, ReminderStatus.Skipped, "Became a supporter before the reminder was due");
            skipped.Add(reminder.Id);
        }
        return skipped;
    }

    private async Task HandleFailureAsync(ReminderClaim claim, Reminder reminder, EmailDeliveryException e)
    {
        var reason = Truncate(e.Message);
        if (e.Permanent || reminder.Attempts >= options.Value.MaxAttempts)
        {
            logger.LogWarning(e, "Reminder {ReminderId} failed after {Attempts} attempt(s)", reminder.Id, reminder.Attempts);
            metrics.Reminder("failed");
            await claims.FinishAsync(claim, reminder.Id, ReminderStatus.Failed,
                e.Permanent ? reason : Truncate($"Gave up after {reminder.Attempts} attempts: {reason}"));
            return;
        }
        // Temporary: pending again with a later due time. Kept in our row, so the delay is configurable and
        // survives a restart; the dispatcher picks it up when it is due.
        var retryAt = time.GetUtcNow().Add(options.Value.RetryDelay(reminder.Attempts));
        logger.LogWarning(e, "Reminder {ReminderId} attempt {Attempts} failed; retrying at {RetryAt}", reminder.Id, reminder.Attempts, retryAt);
        await claims.RetryLaterAsync(claim, reminder.Id, retryAt.UtcDateTime, reason);
        metrics.Reminder("retried");
    }

    private (int, bool) LostClaim(ReminderClaim claim, int settled)
    {
        // Only after a pause longer than the lease: another process may be sending these now, so stop here.
        logger.LogWarning("Reminder claim {Token} expired and was recovered elsewhere; stopping this batch", claim.Token);
        return (settled, true);
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
