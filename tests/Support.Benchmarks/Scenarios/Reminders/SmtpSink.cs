using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Support.Benchmarks.Scenarios.Reminders;

/// <summary>
/// A local SMTP server (SmtpServer 11.1.0) in the benchmark's process that accepts everything and only counts:
/// the time each message arrived, so a rate can be taken up to the last one.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CountingStore _store = new();

    public SmtpSink()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public int Count => _store.Count;

    /// <summary>When the last message arrived, on the <see cref="Stopwatch"/> clock.</summary>
    public long LastArrival => Interlocked.Read(ref _store.LastArrival);

    public void Dispose() => _stop.Cancel();

    private sealed class CountingStore : MessageStore
    {
        private int _count;
        public long LastArrival;

        public int Count => Volatile.Read(ref _count);

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Exchange(ref LastArrival, Stopwatch.GetTimestamp());
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
