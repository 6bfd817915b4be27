using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Support.Web.Hosting;

/// <summary>
/// The key and the window of every per-client rate limit. The address is the reader's only behind a trusted proxy
/// (ForwardedHeaders settings, <see cref="ProxyOptions"/>); otherwise every reader would share the proxy's.
/// </summary>
public static class ClientLimits
{
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>At most <paramref name="permits"/> requests per client address in each window, none queued: past it, 429 at once.</summary>
    public static RateLimitPartition<string> FixedWindow(HttpContext http, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(AddressOf(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}

/// <summary>A fixed window per client address (<see cref="ClientLimits.FixedWindow"/>) whose refusal is the policy's own 429 page.</summary>
public abstract class ClientWindowPolicy : IRateLimiterPolicy<string>
{
    protected abstract int Permits { get; }

    protected abstract TimeSpan Window { get; }

    /// <summary>The page a refused reader sees, in words that say what to do.</summary>
    protected abstract IResult Refusal { get; }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => ClientLimits.FixedWindow(httpContext, Permits, Window);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
        new ValueTask(Refusal.ExecuteAsync(context.HttpContext));
}
