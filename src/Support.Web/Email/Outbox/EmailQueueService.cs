using Microsoft.Extensions.Options;
using Support.Data.Email;
using Support.Web.Data;

namespace Support.Web.Email.Outbox;

/// <summary>
/// Runs the senders of one kind of email in this process (<see cref="EmailQueueOptions.DispatchConnections"/>). Each
/// recovers expired claims, sends what is due, then sleeps until the earliest due time (at most the poll interval) or
/// a wake-up from this process. This is the only trigger: no job per email or per minute.
/// </summary>
public sealed class EmailQueueService<T>(
    IServiceScopeFactory scopes,
    EmailWakeup<T> wakeup,
    IOptions<DatabaseOptions> database,
    TimeProvider time,
    ILogger<EmailQueueService<T>> logger) : BackgroundService where T : QueuedEmail
{
    /// <summary>
    /// SQLite allows one process, so claims taken before this one started are a dead process's: taken over at once
    /// after a restart instead of after the lease. With a server database other processes may be alive; only the lease counts.
    /// </summary>
    private readonly DateTime? _takeOverClaimsBefore =
        database.Value.Provider == DatabaseProvider.Sqlite ? time.GetUtcNow().UtcDateTime : null;

    /// <summary>Pause after a round that found due rows it could not claim, so a row coming due does not spin.</summary>
    private static readonly TimeSpan MinimumPause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// After a wake-up, rows written just after it are gathered into the same claim: a burst of webhooks makes one
    /// claim per batch of emails instead of one per commit, and each claim is a write that competes with them.
    /// Wall time on purpose: a moment, whatever clock the due times follow.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = ReadOptions();
        await Task.WhenAll(Enumerable.Range(0, options.DispatchConnections)
            .Select(_ => Task.Run(() => RunAsync(options, stoppingToken), stoppingToken)));
    }

    private EmailQueueOptions ReadOptions()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EmailQueue<T>>().Options;
    }

    private async Task RunAsync(EmailQueueOptions options, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var signal = wakeup.Signal;
            TimeSpan pause;
            try
            {
                pause = await RoundAsync(options, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Kind} sending round failed; trying again in {Pause}", typeof(T).Name, options.DispatchPollInterval);
                pause = options.DispatchPollInterval;
            }
            try
            {
                await signal.WaitAsync(pause, time, stoppingToken);
                await Task.Delay(Gather, stoppingToken);
            }
            catch (TimeoutException)
            {
                // The due time or the poll interval came: look again.
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One look at the table; returns how long to sleep before the next.</summary>
    private async Task<TimeSpan> RoundAsync(EmailQueueOptions options, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<ExpiredClaimRecovery<T>>().RecoverAsync(options.ClaimLease, _takeOverClaimsBefore, ct);
        var settled = await services.GetRequiredService<EmailSender<T>>().SendDueAsync(ct);
        var next = await services.GetRequiredService<EmailClaims<T>>().NextDueAsync(ct);
        var poll = options.DispatchPollInterval;
        if (next is null)
        {
            return poll;
        }
        var untilDue = next.Value - time.GetUtcNow().UtcDateTime;
        // Due already yet nothing was claimed: it came due during the round. Look again shortly, without spinning.
        var floor = settled > 0 ? TimeSpan.Zero : MinimumPause;
        return untilDue < floor ? floor : untilDue > poll ? poll : untilDue;
    }
}
