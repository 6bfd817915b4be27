using Microsoft.Extensions.Options;
using Support.Web.Data;

namespace Support.Web.Reminders;

/// <summary>
/// Runs <see cref="ReminderOptions.DispatchConnections"/> dispatchers in this process. Each one recovers expired
/// claims, sends what is due, then sleeps until the earliest due time (at most the poll interval) or a signup's
/// wake-up. The Hangfire job each signup schedules for its due minute (<see cref="ReminderJob"/>) runs the same round;
/// the claims keep them apart, and whichever comes first sends.
/// </summary>
public sealed class ReminderDispatchService(
    IServiceScopeFactory scopes,
    ReminderWakeup wakeup,
    IOptions<ReminderOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider time,
    ILogger<ReminderDispatchService> logger) : BackgroundService
{
    /// <summary>
    /// SQLite allows one process, so claims taken before this one started are a dead process's: taken over at
    /// once after a restart instead of after the lease. With SQL Server other processes may be alive; only the lease counts.
    /// </summary>
    private readonly DateTime? _takeOverClaimsBefore =
        database.Value.Provider == DatabaseProvider.Sqlite ? time.GetUtcNow().UtcDateTime : null;

    /// <summary>Pause after a round that failed (database unavailable, say), so a fault does not spin.</summary>
    private static readonly TimeSpan MinimumPause = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.DispatchConnections).Select(_ => Task.Run(() => RunAsync(stoppingToken), stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var signal = wakeup.Signal;
            TimeSpan pause;
            try
            {
                pause = await RoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Reminder dispatch round failed; trying again in {Pause}", options.Value.DispatchPollInterval);
                pause = options.Value.DispatchPollInterval;
            }
            try
            {
                await signal.WaitAsync(pause, time, stoppingToken);
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
    private async Task<TimeSpan> RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<ExpiredClaimRecovery>().RecoverAsync(_takeOverClaimsBefore, ct);
        var settled = await services.GetRequiredService<ReminderDispatcher>().DispatchDueAsync(ct);
        var next = await services.GetRequiredService<ReminderClaims>().NextDueAsync(ct);
        var poll = options.Value.DispatchPollInterval;
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
