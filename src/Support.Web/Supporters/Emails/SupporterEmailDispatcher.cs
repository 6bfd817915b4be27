using System.Threading.Channels;
using Hangfire;

namespace Support.Web.Supporters.Emails;

/// <summary>
/// Enqueues the Hangfire job of each committed outbox row, off the webhook's request path (an enqueue into
/// Hangfire's SQLite storage took a median 13 ms inside the request). The ids wait in memory only: if the process
/// stops first, the rows stay Pending and <see cref="SupporterEmailSweeper"/> gives them their jobs.
/// </summary>
public sealed class SupporterEmailDispatcher(IBackgroundJobClient jobs, ILogger<SupporterEmailDispatcher> logger) : BackgroundService
{
    private readonly Channel<long> _committed = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>After the commit that wrote these rows; each id is posted once, by the event that added it.</summary>
    public void Post(IEnumerable<long> dispatchIds)
    {
        foreach (var id in dispatchIds)
        {
            _committed.Writer.TryWrite(id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _committed.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    jobs.Enqueue<SupporterEmailJob>(j => j.SendAsync(id, CancellationToken.None));
                    logger.LogInformation("Enqueued supporter email {DispatchId}", id);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not enqueue supporter email {DispatchId}; the outbox sweep will", id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Rows whose ids were still queued stay Pending for the sweep.
        }
    }
}
