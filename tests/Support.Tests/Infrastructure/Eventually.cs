namespace Support.Tests.Infrastructure;

/// <summary>Waits on a condition (never a fixed sleep): true as soon as it holds, a failure if it never does.</summary>
public static class Eventually
{
    /// <summary>A bound, not a speed check: a 2-core machine shared with other builds can be slow.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        await ValueAsync(async () => await condition() ? true : (bool?)null, what, timeout);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>The first non-null value the probe returns.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : struct =>
        (await RefAsync(async () => await probe() is { } value ? new Box<T>(value) : null, what, timeout)).Value;

    /// <summary>The first non-null value the probe returns.</summary>
    public static async Task<T> RefAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var bound = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {bound}: {what}");
            }
            await Task.Delay(20);
        }
    }

    private sealed record Box<T>(T Value);
}
