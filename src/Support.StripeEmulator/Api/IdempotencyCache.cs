using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Api;

/// <summary>
/// Stripe's idempotency layer: the first result per <c>Idempotency-Key</c> is saved and replayed for 24 hours; a
/// key reused with other parameters (or on another endpoint) is refused, and so is one still in progress. A request
/// refused by parameter checks saves nothing, so a corrected retry may use the same key.
/// </summary>
internal sealed class IdempotencyCache(EmulatorStore store)
{
    private static readonly TimeSpan _kept = TimeSpan.FromHours(24);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = [];

    private sealed record Entry(string Request, DateTimeOffset Created, (int Status, string Body)? Result);

    /// <summary>The saved result to replay, or null when the caller runs the request and then calls <see cref="Finish"/>.</summary>
    public (int Status, string Body)? Begin(string key, string request)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Created + _kept > store.Now)
            {
                return entry.Request != request ? throw StripeEmulatorException.IdempotencyMismatch(key)
                    : entry.Result ?? throw StripeEmulatorException.IdempotencyInUse(key);
            }
            _entries[key] = new Entry(request, store.Now, null);
            return null;
        }
    }

    public void Finish(string key, (int Status, string Body) result, bool save)
    {
        lock (_gate)
        {
            if (save)
            {
                _entries[key] = _entries[key] with { Result = result };
            }
            else
            {
                _entries.Remove(key);
            }
        }
    }
}
