namespace Support.Tests.Infrastructure;

/// <summary>Waits on a condition (never a fixed sleep): true as soon as it holds, a failure if it never does.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        // A bound, not a speed check: a 2-core machine shared with other builds can be slow.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {timeout ?? TimeSpan.FromSeconds(30)}: {what}");
            }
            await Task.Delay(20);
        }
    }
}
