namespace Support.StripeEmulator.State;

/// <summary>
/// All emulator state, in memory. One lock guards everything: traffic is a handful of test requests, and a
/// single lock also keeps events in the order their changes happened.
/// </summary>
internal sealed class EmulatorStore(TimeProvider time)
{
    private long _sequence;

    public Lock Gate { get; } = new();
    public DateTimeOffset Now => time.GetUtcNow();

    public Dictionary<string, Product> Products { get; } = [];
    public Dictionary<string, Price> Prices { get; } = [];
    public Dictionary<string, CheckoutSession> CheckoutSessions { get; } = [];
    public Dictionary<string, Customer> Customers { get; } = [];
    public Dictionary<string, Subscription> Subscriptions { get; } = [];
    public Dictionary<string, Invoice> Invoices { get; } = [];
    public Dictionary<string, Charge> Charges { get; } = [];
    public Dictionary<string, Refund> Refunds { get; } = [];
    public Dictionary<string, PortalSession> PortalSessions { get; } = [];

    /// <summary>Creation order for lists (newest first), exact even when several objects share a second. Call under the lock.</summary>
    public long NextSequence() => ++_sequence;

    /// <summary>Looks an object up by id, failing as Stripe does (404, or 400 when the id came in a parameter).</summary>
    public static T Find<T>(Dictionary<string, T> table, string id, string kind, string? param = null) =>
        table.TryGetValue(id, out var found) ? found : throw StripeEmulatorException.Missing(kind, id, param);
}
