namespace Support.Web.Data;

/// <summary>
/// Lets one write transaction at a time into SQLite from this process. SQLite allows one writer per file; without
/// the gate a second writer gets SQLITE_BUSY, which Microsoft.Data.Sqlite retries by putting its thread to sleep for
/// 150 ms at a time, so concurrent webhooks queued by polling and most of the lock's time went unused. Waiting here
/// is an async queue (<see cref="SemaphoreSlim"/>) that hands the turn on as soon as it is passed.
/// A server database (SQL Server) locks rows itself, so its gate lets everyone through at once.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim? _writer;
    private int _waiting;

    public WriteGate(bool serialize) => _writer = serialize ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Writers waiting for their turn now (for diagnostics and tests).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for the turn to write; dispose the result to pass the turn on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (_writer is null)
        {
            return default;
        }
        Interlocked.Increment(ref _waiting);
        try
        {
            await _writer.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new Turn(_writer);
    }

    public readonly struct Turn(SemaphoreSlim? writer) : IDisposable
    {
        public void Dispose() => writer?.Release();
    }
}
