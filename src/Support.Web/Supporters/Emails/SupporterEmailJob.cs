using Hangfire;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Account;
using Support.Web.Data;
using Support.Web.Email;
using Support.Web.Hosting;

namespace Support.Web.Supporters.Emails;

/// <summary>
/// Sends one supporter email. The row is claimed (Pending → Sending) by a conditional update before sending,
/// so a retried job, a duplicate enqueue or a second worker finds nothing to claim and sends nothing.
/// </summary>
public sealed class SupporterEmailJob(
    SupportDbContext db,
    WriteGate writes,
    IEmailSender sender,
    SupporterEmailBuilder messages,
    TimeProvider time,
    SupportMetrics metrics,
    ILogger<SupporterEmailJob> logger)
{
    // A temporary SMTP failure puts the row back to Pending and throws, so Hangfire tries again later.
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [30, 120, 600, 1800, 3600])]
    public async Task SendAsync(long dispatchId, CancellationToken ct)
    {
        int claimed;
        // Webhooks write the same file at the same time: take turns with them rather than collide.
        using (await writes.EnterAsync(ct))
        {
            claimed = await db.EmailDispatches
                .Where(d => d.Id == dispatchId && d.Status == EmailDispatchStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, EmailDispatchStatus.Sending)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        }
        if (claimed == 0)
        {
            logger.LogDebug("Email {DispatchId} is not pending; nothing to send", dispatchId);
            return;
        }
        var dispatch = await db.EmailDispatches.AsNoTracking().SingleAsync(d => d.Id == dispatchId, ct);
        if (dispatch.Email is null)
        {
            await FinishAsync(dispatchId, EmailDispatchStatus.Skipped, "The supporter deleted their account");
            return;
        }
        try
        {
            await sender.SendAsync(messages.Build(dispatch), ct);
        }
        catch (EmailDeliveryException e) when (e.Permanent)
        {
            logger.LogWarning(e, "{Kind} email {DispatchId} was refused", dispatch.Kind, dispatchId);
            await FinishAsync(dispatchId, EmailDispatchStatus.Failed, e.Message);
            metrics.SupporterEmail(dispatch.Kind.ToString(), "failed");
            return;
        }
        catch (Exception e) when (e is EmailDeliveryException or OperationCanceledException)
        {
            await FinishAsync(dispatchId, EmailDispatchStatus.Pending, e.Message);
            metrics.SupporterEmail(dispatch.Kind.ToString(), "retried");
            throw;
        }
        await FinishAsync(dispatchId, EmailDispatchStatus.Sent, null, time.GetUtcNow().UtcDateTime);
        metrics.SupporterEmail(dispatch.Kind.ToString(), "sent");
        logger.LogInformation("{Kind} email {DispatchId} sent", dispatch.Kind, dispatchId);
    }

    /// <summary>Leaves Sending. Not cancellable: once the email is out, recording it matters more than shutdown.</summary>
    private async Task FinishAsync(long id, EmailDispatchStatus status, string? error, DateTime? sentAt = null)
    {
        var reason = error is { Length: > 500 } ? error[..500] : error;
        using (await writes.EnterAsync(CancellationToken.None))
        {
            await db.EmailDispatches.Where(d => d.Id == id && d.Status == EmailDispatchStatus.Sending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.LastError, reason)
                    .SetProperty(d => d.SentAt, sentAt), CancellationToken.None);
        }
    }
}
