using Microsoft.EntityFrameworkCore;
using Support.Data;

namespace Support.Web.Shared;

/// <summary>
/// Moves counts kept in memory (no database work on the page's path) to the database every <see cref="Interval"/>
/// and at shutdown, one increment per row so several app instances add up. Counts the database refuses are put
/// back for the next flush, so a passing outage loses none.
/// </summary>
public abstract class CountFlusher<TCounts>(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    protected IServiceScopeFactory Scopes => scopes;

    protected ILogger Logger => logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the counts are, for the log ("prompt counts").</summary>
    protected abstract string What { get; }

    protected abstract IReadOnlyList<TCounts> Drain();

    protected abstract void Restore(TCounts counts);

    protected abstract Task WriteAsync(SupportDbContext db, TCounts counts, CancellationToken ct);

    /// <summary>What each tick does; a subclass may do more after the flush.</summary>
    protected virtual Task TickAsync(CancellationToken stoppingToken) => FlushAsync(CancellationToken.None);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush happens in StopAsync.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes what has been counted so far; the counts not written are put back if the database refuses.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var drained = Drain();
        if (drained.Count == 0)
        {
            return;
        }
        var written = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            foreach (var counts in drained)
            {
                await WriteAsync(db, counts, ct);
                written++;
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException
            or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Could not write {What}; keeping them for the next flush", What);
            foreach (var counts in drained.Skip(written))
            {
                Restore(counts);
            }
        }
    }
}
