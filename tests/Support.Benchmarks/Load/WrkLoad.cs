using System.Diagnostics;
using System.Globalization;

namespace Support.Benchmarks.Load;

/// <summary>
/// wrk (Debian's package) in its own process: one thread, <c>-c</c> connections, <c>--latency</c>. A Lua script
/// sets the method and body and prints the totals and percentiles in one machine-readable line.
/// </summary>
public sealed class WrkLoad(string executable) : ILoadGenerator
{
    public string Name => "wrk";

    public static WrkLoad? Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "wrk")).FirstOrDefault(File.Exists);
        return path is null ? null : new WrkLoad(path);
    }

    public async Task<LoadResult> RunAsync(LoadRequest request, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"support-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(request));
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            foreach (var arg in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script, request.Url.ToString() })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}): {output} {error}");
            var f = line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new LoadResult((long)f[0], (long)f[4], f[1] / 1e6, f[2] / 1000, f[3] / 1000);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Script(LoadRequest request)
    {
        var lines = new List<string> { $"wrk.method = \"{request.Method}\"" };
        if (request.Body is not null)
        {
            lines.Add($"wrk.body = [==[{request.Body}]==]");
            lines.Add($"wrk.headers[\"Content-Type\"] = \"{request.ContentType}\"");
        }
        lines.Add("""
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("BENCH %d %d %d %d %d\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
            end
            """);
        return string.Join('\n', lines) + "\n";
    }
}
