using Support.Data;
using Support.Data.Reports;

namespace Support.Web.Reports;

/// <summary>
/// The month totals and gift counts of a batch of Stripe events, added up in memory and written once, just before
/// the commit, in key order (ADR 0019). Every event of a month increments the same <c>ReportMonths</c> row (and every
/// new $5 monthly gift the same <c>ReportLiveGifts</c> row): incremented per event, the row's lock would be held from a
/// batch's first event to its commit and serialise every writer lane behind it, and two batches touching two rows in
/// opposite order could deadlock. While a batch runs, <see cref="ReportTotalsInterceptor"/> hands each SaveChanges'
/// deltas here instead of writing them.
/// </summary>
public sealed class DeferredMonthTotals
{
    private static readonly AsyncLocal<DeferredMonthTotals?> _current = new();
    private readonly Dictionary<MonthKey, ReportMonth> _kept = [];
    private readonly Dictionary<MonthKey, ReportMonth> _event = [];
    private readonly Dictionary<IKeptCount, int> _keptCounts = [];
    private readonly Dictionary<IKeptCount, int> _eventCounts = [];

    /// <summary>The batch running in this async flow, if any.</summary>
    public static DeferredMonthTotals? Current => _current.Value;

    /// <summary>Starts collecting for the calling async flow (and what it awaits) until <see cref="FlushAsync"/>.</summary>
    public static DeferredMonthTotals Begin() => _current.Value = new DeferredMonthTotals();

    internal void Add(Dictionary<MonthKey, ReportMonth> deltas, Dictionary<IKeptCount, int> counts)
    {
        foreach (var (key, d) in deltas)
        {
            Merge(_event, key, d);
        }
        foreach (var (key, d) in counts)
        {
            _eventCounts[key] = _eventCounts.GetValueOrDefault(key) + d;
        }
    }

    /// <summary>The current event committed to its savepoint: its deltas join the batch's.</summary>
    public void Keep()
    {
        foreach (var (key, d) in _event)
        {
            Merge(_kept, key, d);
        }
        foreach (var (key, d) in _eventCounts)
        {
            _keptCounts[key] = _keptCounts.GetValueOrDefault(key) + d;
        }
        Drop();
    }

    /// <summary>The current event was rolled back to its savepoint: its deltas are forgotten.</summary>
    public void Drop()
    {
        _event.Clear();
        _eventCounts.Clear();
    }

    /// <summary>Writes the kept deltas, one upsert per row in key order (months, then the gift counts), and stops collecting.</summary>
    public async Task FlushAsync(SupportDbContext db, CancellationToken ct)
    {
        _current.Value = null;
        foreach (var (key, d) in _kept.Where(k => !MonthTotals.IsZero(k.Value)).OrderBy(k => k.Key.Currency, StringComparer.Ordinal).ThenBy(k => k.Key.Month).ThenBy(k => k.Key.Frequency, StringComparer.Ordinal))
        {
            await MonthTotals.ApplyAsync(db, key, d, inTransaction: true, ct);
        }
        // Every writer takes the counters in the same order (table, then key), so two batches never wait on each other in a circle.
        foreach (var (key, d) in _keptCounts.Where(k => k.Value != 0).OrderBy(k => k.Key.GetType().Name, StringComparer.Ordinal)
            .ThenBy(k => k.Key.ToString(), StringComparer.Ordinal))
        {
            await KeptCounts.AddAsync(db, key, d, inTransaction: true, ct);
        }
    }

    private static void Merge(Dictionary<MonthKey, ReportMonth> into, MonthKey key, ReportMonth d)
    {
        if (!into.TryGetValue(key, out var sum))
        {
            into[key] = sum = new ReportMonth { Currency = key.Currency, Month = key.Month, Frequency = key.Frequency };
        }
        MonthTotals.Add(sum, d);
    }
}
