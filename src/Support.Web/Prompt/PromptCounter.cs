using System.Collections.Concurrent;

namespace Support.Web.Prompt;

/// <summary>
/// Prompt views and checkout starts per article per UTC day, counted in memory with interlocked increments
/// (no database work on the page's path). <see cref="PromptStatsFlusher"/> moves the counts to the database.
/// </summary>
public sealed class PromptCounter(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Slug, DateTime Day), Counts> _counts = new();

    public void PromptShown(string articleSlug) => Interlocked.Increment(ref Get(articleSlug).Views);

    public void CheckoutStarted(string articleSlug) => Interlocked.Increment(ref Get(articleSlug).CheckoutStarts);

    /// <summary>Takes the counts gathered since the last call (each count is handed out exactly once).</summary>
    public IReadOnlyList<(string Slug, DateTime Day, long Views, long CheckoutStarts)> Drain()
    {
        var today = Today();
        var drained = new List<(string, DateTime, long, long)>();
        foreach (var (key, counts) in _counts)
        {
            var views = Interlocked.Exchange(ref counts.Views, 0);
            var starts = Interlocked.Exchange(ref counts.CheckoutStarts, 0);
            if (views != 0 || starts != 0)
            {
                drained.Add((key.Slug, key.Day, views, starts));
            }
            // Entries of days long past no longer receive counts; keep yesterday for requests that straddled midnight.
            else if (key.Day < today.AddDays(-1))
            {
                _counts.TryRemove(key, out _);
            }
        }
        return drained;
    }

    /// <summary>Puts counts back after a failed flush, so they go out with the next one.</summary>
    public void Restore(string slug, DateTime day, long views, long checkoutStarts)
    {
        var counts = _counts.GetOrAdd((slug, day), _ => new Counts());
        Interlocked.Add(ref counts.Views, views);
        Interlocked.Add(ref counts.CheckoutStarts, checkoutStarts);
    }

    private Counts Get(string articleSlug) => _counts.GetOrAdd((articleSlug, Today()), _ => new Counts());

    private DateTime Today() => time.GetUtcNow().UtcDateTime.Date;

    private sealed class Counts
    {
        public long Views;
        public long CheckoutStarts;
    }
}
