using System.Globalization;
using System.Net.Http.Json;

namespace Support.Benchmarks.Hosting;

/// <summary>
/// What the service's resident memory is made of at one moment: the kernel's view by mapping
/// (<c>/proc/&lt;pid&gt;/smaps</c>) and the GC's view of the managed heap (<c>/_bench/memory</c>, from the baselines
/// assembly in the service). Megabytes.
/// </summary>
public sealed record MemorySample(double RssMb, IReadOnlyDictionary<string, double> KindsMb, IReadOnlyDictionary<string, double> Gc)
{
    public double ManagedCommittedMb => Gc.GetValueOrDefault("committed_bytes") / 1024 / 1024;
    public double ManagedHeapMb => Gc.GetValueOrDefault("heap_size_bytes") / 1024 / 1024;

    /// <summary>"anonymous 150 MB (GC committed 98 MB, heap 71 MB), .dll 32 MB, …", largest first.</summary>
    public string Describe()
    {
        var parts = KindsMb.OrderByDescending(k => k.Value).Where(k => k.Value >= 1).Select(k => k.Key == Anonymous
            ? $"{k.Key} {k.Value:0} MB (GC committed {ManagedCommittedMb:0} MB, heap {ManagedHeapMb:0} MB; the rest native: runtime, JIT, SQLite, stacks)"
            : $"{k.Key} {k.Value:0} MB");
        return $"RSS {RssMb:0} MB = " + string.Join(", ", parts);
    }

    public const string Anonymous = "anonymous";

    /// <summary>Sums Rss per kind of mapping: anonymous memory, the JIT's double-mapped code, .dll and .so files, the rest.</summary>
    public static Dictionary<string, double> ReadSmaps(int pid)
    {
        var kinds = new Dictionary<string, double>(StringComparer.Ordinal);
        var kind = Anonymous;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (IsHeader(line))
            {
                kind = Kind(line);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                kinds[kind] = kinds.GetValueOrDefault(kind) + kb / 1024;
            }
        }
        return kinds;
    }

    // "7f1c2a000000-7f1c2a021000 rw-p 00000000 00:00 0    [heap]": an address range, then permissions.
    private static bool IsHeader(string line) => line.Split(' ', 2) is [var range, _] && range.Contains('-', StringComparison.Ordinal)
        && range.Split('-').All(part => part.All(char.IsAsciiHexDigit));

    private static string Kind(string header)
    {
        var fields = header.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var name = fields.Length >= 6 ? fields[5].Trim() : "";
        return name switch
        {
            "" or "[heap]" or "[anon]" => Anonymous,
            _ when name.StartsWith("[anon:", StringComparison.Ordinal) => Anonymous,
            _ when name.StartsWith("[stack", StringComparison.Ordinal) => Anonymous,
            _ when name.Contains("doublemapper", StringComparison.Ordinal) => "JIT code (doublemapper)",
            _ when name.EndsWith(".dll", StringComparison.Ordinal) => ".dll files",
            _ when name.Contains(".so", StringComparison.Ordinal) => ".so files",
            _ when name.StartsWith('[') => "kernel ([vdso] …)",
            _ => "other files",
        };
    }
}

/// <summary>Samples the service's memory every second while a scenario runs and keeps the sample with the highest RSS.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MemorySampler(ServiceHost service, HttpClient client) => _loop = Task.Run(() => LoopAsync(service, client));

    public MemorySample? Peak { get; private set; }

    public static MemorySampler Start(ServiceHost service, HttpClient client) => new(service, client);

    private async Task LoopAsync(ServiceHost service, HttpClient client)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var kinds = MemorySample.ReadSmaps(service.ProcessId);
                var gc = await client.GetFromJsonAsync<Dictionary<string, double>>("_bench/memory", _stop.Token) ?? [];
                var sample = new MemorySample(kinds.Values.Sum(), kinds, gc);
                if (Peak is null || sample.RssMb > Peak.RssMb)
                {
                    Peak = sample;
                }
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
            {
                return;
            }
        }
    }

    /// <summary>Stops sampling; safe to call again (the scenario stops it before reading the peak, <c>await using</c> after).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }
        await _loop;
    }
}
