using System.Diagnostics;
using System.Globalization;
using System.Text;
using Support.Benchmarks.Hosting;

namespace Support.Benchmarks.Scenarios.Reminders;

/// <summary>
/// Postfix's <c>smtp-sink</c> in its own process on loopback: accepts every message (announcing PIPELINING, as a
/// relay does), prints a running count (<c>-c</c>, read here to time each arrival) and appends every transaction to
/// one dump file (<c>-D</c>, on tmpfs when there is one) whose <c>X-Rcpt-Args</c> lines say who got what, so
/// "each reminder once" is counted per recipient. The baselines send through the same sink, so they pay the same.
/// </summary>
public sealed class PostfixSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private long _messages;
    private long _lastArrival;
    private long _dumpOffset;

    private PostfixSink(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string DumpPath => Path.Combine(_folder, "dump");

    /// <summary>Messages accepted so far (the sink's own counter).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>When the count last went up, on the <see cref="Stopwatch"/> clock.</summary>
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    public static async Task<PostfixSink> StartAsync(ExternalTool smtpSink)
    {
        var tmpfs = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = Path.Combine(tmpfs, "support-bench-sink-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = ServiceHost.FreePort();
        var start = new ProcessStartInfo(smtpSink.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var args = new List<string> { "-c", "-D", Path.Combine(folder, "dump") };
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            // smtp-sink refuses to run as root; it drops to nobody after opening the socket, and writes the dump as nobody.
            File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("777", 8));
            args.InsertRange(0, ["-u", "nobody"]);
        }
        args.AddRange([$"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "1000"]);
        args.ForEach(start.ArgumentList.Add);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start smtp-sink.");
        var sink = new PostfixSink(process, folder, port);
        _ = Task.Run(sink.ReadCountersAsync);
        _ = process.StandardError.ReadToEndAsync();
        await sink.WaitUntilListeningAsync();
        return sink;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived, or the deadline (Stopwatch clock).</summary>
    public async Task<bool> WaitForAsync(long count, long deadline)
    {
        var limit = TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        await Poll.UntilAsync(() => Task.FromResult(Messages >= count || _process.HasExited), limit);
        return Messages >= count;
    }

    /// <summary>Recipients of the messages dumped since the last call, with how many each got.</summary>
    public async Task<Dictionary<string, int>> TakeRecipientsAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        await using var file = new FileStream(DumpPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(_dumpOffset, SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.Latin1);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("X-Rcpt-Args: <", StringComparison.Ordinal))
            {
                var address = line["X-Rcpt-Args: <".Length..].Split('>', 2)[0];
                counts[address] = counts.GetValueOrDefault(address) + 1;
            }
        }
        _dumpOffset = file.Length;
        return counts;
    }

    /// <summary>Size of the last message in the dump as it went over the wire (CRLF line ends), without the sink's own headers.</summary>
    public async Task<int> LastMessageBytesAsync()
    {
        var lines = await File.ReadAllLinesAsync(DumpPath, Encoding.Latin1);
        var start = Array.FindLastIndex(lines, l => l.StartsWith("X-Client-Addr: ", StringComparison.Ordinal));
        // The sink's headers end with its three-line Received header; the dump ends each message with an empty line.
        var received = Array.FindIndex(lines, Math.Max(0, start), l => l.StartsWith("Received: ", StringComparison.Ordinal));
        var message = lines[(received + 3)..^1];
        return message.Sum(l => Encoding.Latin1.GetByteCount(l) + 2);
    }

    private async Task ReadCountersAsync()
    {
        // "sess=N quit=N mesg=N\r", printed and flushed whenever a message or a session ends.
        var buffer = new char[4096];
        var pending = new StringBuilder();
        var reader = _process.StandardOutput;
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            var now = Stopwatch.GetTimestamp();
            pending.Append(buffer, 0, read);
            var text = pending.ToString();
            var end = text.LastIndexOf('\r');
            if (end < 0)
            {
                continue;
            }
            var last = text[..end].Split('\r')[^1];
            pending.Clear().Append(text[(end + 1)..]);
            var mesg = last.Split(' ').FirstOrDefault(p => p.StartsWith("mesg=", StringComparison.Ordinal));
            if (mesg is not null && long.TryParse(mesg["mesg=".Length..], CultureInfo.InvariantCulture, out var count) && count > Messages)
            {
                Interlocked.Exchange(ref _lastArrival, now);
                Interlocked.Exchange(ref _messages, count);
            }
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var listening = await Poll.UntilAsync(() =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"smtp-sink exited at start (code {_process.ExitCode}).");
            }
            return Poll.Answers(async () =>
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return true;
            });
        }, TimeSpan.FromSeconds(10));
        if (!listening)
        {
            throw new TimeoutException("smtp-sink did not listen within 10 s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left on tmpfs; removed at the next reboot.
        }
    }
}
