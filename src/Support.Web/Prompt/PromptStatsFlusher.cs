using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Prompt;
using Support.Web.Reports;
using Support.Web.Shared;

namespace Support.Web.Prompt;

/// <summary>
/// Every <see cref="ReportOptions.PromptFlushInterval"/> and at shutdown, adds the in-memory prompt counts to
/// <c>PromptDailyStats</c>: one increment per article and day, so several app instances add up correctly.
/// </summary>
public sealed class PromptStatsFlusher(
    PromptCounter counter,
    IServiceScopeFactory scopes,
    IOptions<ReportOptions> options,
    ILogger<PromptStatsFlusher> logger) : CountFlusher<(string Slug, DateTime Day, long Views, long CheckoutStarts)>(scopes, logger)
{
    protected override TimeSpan Interval => options.Value.PromptFlushInterval;

    protected override string What => "prompt counts";

    protected override IReadOnlyList<(string Slug, DateTime Day, long Views, long CheckoutStarts)> Drain() => counter.Drain();

    protected override void Restore((string Slug, DateTime Day, long Views, long CheckoutStarts) counts) =>
        counter.Restore(counts.Slug, counts.Day, counts.Views, counts.CheckoutStarts);

    protected override Task WriteAsync(SupportDbContext db, (string Slug, DateTime Day, long Views, long CheckoutStarts) counts, CancellationToken ct) =>
        AddAsync(db, counts.Slug, counts.Day, counts.Views, counts.CheckoutStarts, ct);

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
