using MimeKit;
using Support.Data.Email;
using Support.Web.Hosting;

namespace Support.Web.Email.Outbox;

/// <summary>
/// One sending round for one kind of email: claims due rows a batch at a time and sends them over one SMTP
/// connection, recording each before the next is sent (the record committed with the other senders' records,
/// <see cref="SentRecords{T}"/>), until nothing is due. Several rounds may run at once (other
/// connections, other processes): the claims keep them apart.
/// </summary>
public sealed class EmailSender<T>(
    EmailClaims<T> claims,
    SentRecords<T> records,
    EmailQueue<T> queue,
    IEmailSender sender,
    IServiceScopeFactory scopes,
    TimeProvider time,
    SupportMetrics metrics,
    ILogger<EmailSender<T>> logger) where T : QueuedEmail
{
    /// <summary>Returns how many claimed emails were settled (sent, skipped, failed or rescheduled).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var settled = 0;
        var options = queue.Options;
        await using var connection = sender.OpenBatch();
        while (await claims.ClaimDueAsync(options.DispatchBatchSize, ct) is { } claim)
        {
            await using var lease = new ClaimLease<T>(scopes, claim.Token, options.ClaimLease, time, logger);
            var (count, carryOn) = await SendAsync(claim, connection, lease, ct);
            settled += count;
            if (!carryOn)
            {
                break;
            }
        }
        return settled;
    }

    private async Task<(int Settled, bool CarryOn)> SendAsync(EmailClaim<T> claim, IEmailBatch connection, ClaimLease<T> lease, CancellationToken ct)
    {
        var settled = 0;
        try
        {
            // Inside the try: a stop during this query must hand the claim back too.
            var skipped = await queue.SkipAsync(claim.Rows, ct);
            foreach (var (id, reason) in skipped)
            {
                await claims.FinishAsync(claim, id, EmailStatus.Skipped, reason);
            }
            settled = skipped.Count;
            foreach (var row in claim.Rows.Where(r => !skipped.ContainsKey(r.Id)))
            {
                ct.ThrowIfCancellationRequested();
                if (lease.Lost)
                {
                    return LostClaim(claim, settled);
                }
                MimeMessage message;
                try
                {
                    message = await queue.BuildAsync(row, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A row that cannot become a message (say, an address MimeKit refuses) would fail the same way again.
                    logger.LogError(e, "{Kind} email {Id} could not be built", typeof(T).Name, row.Id);
                    await claims.FinishAsync(claim, row.Id, EmailStatus.Failed, "Could not build the message: " + e.Message);
                    settled++;
                    continue;
                }
                try
                {
                    // Not cancelled by a stop once started (Smtp:Timeout bounds it): cancelling between the server's
                    // acceptance and our record would send this one again after the restart.
                    await connection.SendAsync(message, CancellationToken.None);
                }
                catch (EmailDeliveryException e)
                {
                    await HandleFailureAsync(claim, row, e);
                    settled++;
                    if (e.ServerUnavailable)
                    {
                        // The rest would fail the same way: hand them back, untouched, for after the first retry delay.
                        await claims.ReleaseAsync(claim, time.GetUtcNow().Add(queue.Options.RetryDelay(1)).UtcDateTime);
                        return (settled, false);
                    }
                    continue;
                }
                // The one moment a crash resends: the server has the message, the row does not say so yet. Committed
                // with the other senders' records (a failed commit throws: this sender stops here).
                if (!await records.RecordAsync(claim, row.Id))
                {
                    return LostClaim(claim, settled);
                }
                metrics.EmailSent(queue.Name, queue.KindOf(row), time.GetUtcNow().UtcDateTime - row.DueAt);
                settled++;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what this claim has not sent yet is due again at once, for another process or the next run.
            await claims.ReleaseAsync(claim, notBefore: null);
            throw;
        }
        logger.LogInformation("{Kind} batch of {Count} settled", typeof(T).Name, claim.Rows.Count);
        return (settled, true);
    }

    private async Task HandleFailureAsync(EmailClaim<T> claim, T row, EmailDeliveryException e)
    {
        var options = queue.Options;
        if (e.Permanent || row.Attempts >= options.MaxAttempts)
        {
            logger.LogWarning(e, "{Kind} email {Id} failed after {Attempts} attempt(s)", typeof(T).Name, row.Id, row.Attempts);
            await claims.FinishAsync(claim, row.Id, EmailStatus.Failed, e.Permanent ? e.Message : $"Gave up after {row.Attempts} attempts: {e.Message}");
            metrics.Email(queue.Name, queue.KindOf(row), "failed");
            return;
        }
        // Temporary: pending again with a later due time, kept in our row, so the delay survives a restart.
        var retryAt = time.GetUtcNow().Add(options.RetryDelay(row.Attempts));
        logger.LogWarning(e, "{Kind} email {Id} attempt {Attempts} failed; retrying at {RetryAt}", typeof(T).Name, row.Id, row.Attempts, retryAt);
        await claims.RetryLaterAsync(claim, row.Id, retryAt.UtcDateTime, e.Message);
        metrics.Email(queue.Name, queue.KindOf(row), "retried");
    }

    private (int, bool) LostClaim(EmailClaim<T> claim, int settled)
    {
        // Only after a pause longer than the lease: another process may be sending these now, so stop here.
        logger.LogWarning("{Kind} claim {Token} expired and was recovered elsewhere; stopping this batch", typeof(T).Name, claim.Token);
        return (settled, true);
    }
}
