using System.Diagnostics;

namespace Support.Benchmarks.Hosting;

/// <summary>
/// The benchmark's one way to wait on a condition (a process listening, rows recorded, a page changed): true as soon
/// as it holds, false once the limit has passed. A condition may throw to stop the wait (a process that exited).
/// </summary>
public static class Poll
{
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan limit, TimeSpan? every = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
        return true;
    }

    /// <summary><see cref="UntilAsync"/> for an HTTP or socket probe: a refused connection is "not yet".</summary>
    public static async Task<bool> Answers(Func<Task<bool>> probe)
    {
        try
        {
            return await probe();
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException or TaskCanceledException)
        {
            return false;
        }
    }
}
