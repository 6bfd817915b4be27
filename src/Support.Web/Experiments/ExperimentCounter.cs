using System.Collections.Concurrent;

namespace Support.Web.Experiments;

/// <summary>What happened per variant, counted in memory with interlocked increments and flushed by <see cref="ExperimentSync"/>.</summary>
public sealed class ExperimentCounter
{
    private readonly ConcurrentDictionary<long, Counts> _counts = new();

    public void Viewed(long variantId) => Interlocked.Increment(ref Get(variantId).Views);

    public void Dismissed(long variantId) => Interlocked.Increment(ref Get(variantId).Dismissals);

    public void Reminded(long variantId) => Interlocked.Increment(ref Get(variantId).Reminders);

    public void CheckoutStarted(long variantId) => Interlocked.Increment(ref Get(variantId).CheckoutStarts);

    /// <summary>Takes the counts gathered since the last call (each count is handed out once).</summary>
    public IReadOnlyList<VariantCounts> Drain()
    {
        var drained = new List<VariantCounts>();
        foreach (var (id, counts) in _counts)
        {
            var taken = new VariantCounts(id,
                Interlocked.Exchange(ref counts.Views, 0),
                Interlocked.Exchange(ref counts.Dismissals, 0),
                Interlocked.Exchange(ref counts.Reminders, 0),
                Interlocked.Exchange(ref counts.CheckoutStarts, 0));
            if (!taken.IsZero)
            {
                drained.Add(taken);
            }
        }
        return drained;
    }

    /// <summary>Puts counts back after a failed flush.</summary>
    public void Restore(VariantCounts counts)
    {
        var target = Get(counts.VariantId);
        Interlocked.Add(ref target.Views, counts.Views);
        Interlocked.Add(ref target.Dismissals, counts.Dismissals);
        Interlocked.Add(ref target.Reminders, counts.Reminders);
        Interlocked.Add(ref target.CheckoutStarts, counts.CheckoutStarts);
    }

    private Counts Get(long variantId) => _counts.GetOrAdd(variantId, _ => new Counts());

    private sealed class Counts
    {
        public long Views;
        public long Dismissals;
        public long Reminders;
        public long CheckoutStarts;
    }
}

public readonly record struct VariantCounts(long VariantId, long Views, long Dismissals, long Reminders, long CheckoutStarts)
{
    public bool IsZero => Views == 0 && Dismissals == 0 && Reminders == 0 && CheckoutStarts == 0;
}
