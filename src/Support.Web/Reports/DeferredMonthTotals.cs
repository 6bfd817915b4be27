using Support.Data;

namespace Support.Web.Reports;

/// <summary>
/// The month totals of a batch of Stripe events, added up in memory and written once, just before the commit, in key
/// order (ADR 0019). Every event of a month increments the same <c>ReportMonths</c> row: incremented per event, the
/// row's lock would be held from a batch's first event to its commit and serialise every writer lane behind it, and
/// two batches touching two months in opposite order could deadlock. While a batch runs,
/// <see cref="MonthTotalsInterceptor"/> hands each SaveChanges' deltas here instead of writing them.
/// </summary>
public sealed class DeferredMonthTotals
{
    private static readonly AsyncLocal<DeferredMonthTotals?> _current = new();
    private readonly Dictionary<MonthKey, MonthDelta> _kept = [];
    private readonly Dictionary<MonthKey, MonthDelta> _event = [];

    /// <summary>The batch running in this async flow, if any.</summary>
    public static DeferredMonthTotals? Current => _current.Value;

    /// <summary>Starts collecting for the calling async flow (and what it awaits) until <see cref="FlushAsync"/>.</summary>
    public static DeferredMonthTotals Begin() => _current.Value = new DeferredMonthTotals();

    internal void Add(Dictionary<MonthKey, MonthDelta> deltas)
    {
        foreach (var (key, d) in deltas)
        {
            Merge(_event, key, d);
        }
    }

    /// <summary>The current event committed to its savepoint: its deltas join the batch's.</summary>
    public void Keep()
    {
        foreach (var (key, d) in _event)
        {
            Merge(_kept, key, d);
        }
        _event.Clear();
    }

    /// <summary>The current event was rolled back to its savepoint: its deltas are forgotten.</summary>
    public void Drop() => _event.Clear();

    /// <summary>Writes the kept deltas, one increment per row in (currency, month, frequency) order, and stops collecting.</summary>
    public async Task FlushAsync(SupportDbContext db, CancellationToken ct)
    {
        _current.Value = null;
        var inserted = false;
        foreach (var (key, d) in _kept.Where(k => !k.Value.IsZero).OrderBy(k => k.Key.Currency, StringComparer.Ordinal).ThenBy(k => k.Key.Month).ThenBy(k => k.Key.Frequency, StringComparer.Ordinal))
        {
            await MonthTotalsInterceptor.ApplyDeltaAsync(db, key, d, inTransaction: true, ct);
            inserted |= db.ChangeTracker.HasChanges();
        }
        if (inserted)
        {
            // A month's first row; a race with another writer inserting it fails the batch, which the processor retries.
            await db.SaveChangesAsync(ct);
        }
    }

    private static void Merge(Dictionary<MonthKey, MonthDelta> into, MonthKey key, MonthDelta d)
    {
        if (!into.TryGetValue(key, out var sum))
        {
            into[key] = sum = new MonthDelta();
        }
        d.AddTo(sum);
    }
}
