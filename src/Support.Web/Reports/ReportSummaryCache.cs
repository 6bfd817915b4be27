using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Support.Web.Reports;

/// <summary>
/// Reuses a computed <see cref="ReportSummary"/> for <see cref="ReportOptions.SummaryCacheDuration"/>, per range and
/// currency. Concurrent requests for the same key wait for one computation (HybridCache's stampede protection), which
/// runs in its own scope so that a caller who leaves early cannot dispose the DbContext under the others.
/// </summary>
public sealed class ReportSummaryCache(HybridCache cache, IServiceScopeFactory scopes, IOptions<ReportOptions> options)
{
    public async Task<ReportSummary> GetAsync(ReportRange range, CancellationToken ct)
    {
        var duration = options.Value.SummaryCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return await ComputeAsync(scopes, range, ct);
        }
        var key = $"reports:summary:{range.Currency}:{ReportRange.MonthKey(range.From)}:{ReportRange.MonthKey(range.To)}";
        var entry = new HybridCacheEntryOptions { Expiration = duration, LocalCacheExpiration = duration };
        return await cache.GetOrCreateAsync(key, (scopes, range), static (state, token) =>
            new ValueTask<ReportSummary>(ComputeAsync(state.scopes, state.range, token)), entry, cancellationToken: ct);
    }

    private static async Task<ReportSummary> ComputeAsync(IServiceScopeFactory scopes, ReportRange range, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportQueries>().SummaryAsync(range, ct);
    }
}
