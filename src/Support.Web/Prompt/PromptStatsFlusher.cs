using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Prompt;

using Support.Web.Reports;

namespace Support.Web.Prompt;

/// <summary>
/// Every <see cref="ReportOptions.PromptFlushInterval"/> and at shutdown, adds the in-memory prompt counts to
/// <c>PromptDailyStats</c>: one increment per article and day, so several app instances add up correctly.
/// </summary>
public sealed class PromptStatsFlusher(
    PromptCounter counter,
    IServiceScopeFactory scopes,
    IOptions<ReportOptions> options,
    ILogger<PromptStatsFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PromptFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
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

    /// <summary>Writes what has been counted so far. Counts are put back if the database refuses.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var drained = counter.Drain();
        if (drained.Count == 0)
        {
            return;
        }
        var written = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            foreach (var (slug, day, views, starts) in drained)
            {
                await AddAsync(db, slug, day, views, starts, ct);
                written++;
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException
            or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Could not write prompt counts; keeping them for the next flush");
            foreach (var (slug, day, views, starts) in drained.Skip(written))
            {
                counter.Restore(slug, day, views, starts);
            }
        }
    }

    /// <summary>Upsert by increment: update the row; insert if absent; if another instance inserted first, update.</summary>
    private static async Task AddAsync(SupportDbContext db, string slug, DateTime day, long views, long starts, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.PromptDailyStats.Where(s => s.ArticleSlug == slug && s.Day == day)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Views, s => s.Views + views)
                    .SetProperty(s => s.CheckoutStarts, s => s.CheckoutStarts + starts), ct);
            if (updated > 0)
            {
                return;
            }
            var row = new PromptDailyStat { ArticleSlug = slug, Day = day, Views = views, CheckoutStarts = starts };
            db.PromptDailyStats.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.Entry(row).State = EntityState.Detached;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
