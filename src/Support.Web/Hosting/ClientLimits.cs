using System.Threading.RateLimiting;

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
