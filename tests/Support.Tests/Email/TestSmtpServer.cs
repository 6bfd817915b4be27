using Support.Tests.Infrastructure;
using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;

namespace Support.Tests.Email;

/// <summary>
/// A real SMTP server in the test process on a free loopback port. Recipients choose its behaviour:
/// "tempfail…" gets a 451 on the first attempt, "permfail…" always a 550, "dropconn…" has its connection closed
/// without an answer on the first attempt, "hold…" waits for <see cref="ReleaseHeld"/> before it is accepted (a message
/// in flight); everyone else is accepted.
/// </summary>
public sealed class TestSmtpServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();

    public int Port { get; }

    public TestSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _ = server.StartAsync(_stop.Token);
    }

    private int _sessions;

    /// <summary>SMTP connections opened so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Completes when a "hold…" message has reached the server and waits for its answer.</summary>
    public Task Holding => _store.Holding.Task;

    /// <summary>Lets held messages through (accepted).</summary>
    public void ReleaseHeld() => _store.Release.TrySetResult();

    /// <summary>
    /// Called as a message arrives with the recipient of the message before it on the same connection (one sender's
    /// previous message), before the server answers.
    /// </summary>
    public Func<string, Task>? OnNextOnConnection
    {
        get => _store.OnNextOnConnection;
        set => _store.OnNextOnConnection = value;
    }

    /// <summary>Messages accepted so far, for every recipient.</summary>
    public int AcceptedCount => _store.Accepted.Count;

    /// <summary>Messages accepted for this recipient so far.</summary>
    public IReadOnlyList<MimeMessage> For(string recipient) =>
        _store.Accepted.Where(m => m.To.Mailboxes.Any(a => a.Address == recipient)).ToList();

    /// <summary>Times the server answered this recipient's message with an error.</summary>
    public int Refusals(string recipient) => _store.Refused.GetValueOrDefault(recipient);

    /// <summary>Waits until this recipient has a message, or fails after the timeout (generous for loaded machines).</summary>
    public async Task<MimeMessage> WaitForAsync(string recipient, TimeSpan? timeout = null)
    {
        return await Eventually.RefAsync(() => Task.FromResult(For(recipient).FirstOrDefault()), $"an email for {recipient} arrives", timeout);
    }

    public void Dispose() => _stop.Cancel();

    /// <summary>A loopback port free at this moment.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Accepted { get; } = new();
        public ConcurrentDictionary<string, int> Refused { get; } = new();
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Func<string, Task>? OnNextOnConnection { get; set; }
        private readonly ConcurrentDictionary<Guid, string> _lastOnConnection = new();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var recipient = message.To.Mailboxes.First().Address;
            if (_lastOnConnection.TryGetValue(context.SessionId, out var previous) && OnNextOnConnection is { } check)
            {
                await check(previous);
            }
            _lastOnConnection[context.SessionId] = recipient;
            if (recipient.StartsWith("permfail", StringComparison.Ordinal))
            {
                Refused.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                return new SmtpResponse((SmtpReplyCode)550, "Mailbox does not exist");
            }
            if (recipient.StartsWith("dropconn", StringComparison.Ordinal) && Refused.GetValueOrDefault(recipient) == 0)
            {
                // The connection dies before the server answers the message: the client cannot know its fate.
                Refused.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                context.Pipe.Dispose();
                throw new IOException("Connection dropped by the test server");
            }
            if (recipient.StartsWith("tempfail", StringComparison.Ordinal) && Refused.GetValueOrDefault(recipient) == 0)
            {
                Refused.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                return new SmtpResponse((SmtpReplyCode)451, "Try again later");
            }
            if (recipient.StartsWith("hold", StringComparison.Ordinal))
            {
                Holding.TrySetResult();
                await Release.Task;
            }
            Accepted.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }
}
