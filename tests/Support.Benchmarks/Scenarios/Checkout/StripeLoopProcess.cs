using System.Diagnostics;
using System.Globalization;
using Support.Benchmarks.Load;

namespace Support.Benchmarks.Scenarios.Checkout;

/// <summary>
/// Starts this program again as <see cref="StripeLoop"/> (a process of its own, like the service, so it neither shares
/// the emulator's process nor the service's) and runs its loops on request, round by round.
/// </summary>
public sealed class StripeLoopProcess : IAsyncDisposable
{
    private readonly Process _process;

    private StripeLoopProcess(Process process) => _process = process;

    /// <summary>CPU milliseconds the loop process spent in its last run, per session created.</summary>
    public double LastCpuMsPerSession { get; private set; }

    public static async Task<StripeLoopProcess> StartAsync(Uri emulatorApiBase, Uri serviceBase, string article, int concurrency)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Support.Benchmarks.dll"), StripeLoop.Command,
            "--api-base", emulatorApiBase.ToString(), "--service-base", serviceBase.ToString(), "--article", article,
            "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Stripe.net loop.");
        var loop = new StripeLoopProcess(process);
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready != "READY")
        {
            await loop.DisposeAsync();
            throw new InvalidOperationException($"The Stripe.net loop did not start: {ready}");
        }
        return loop;
    }

    public async Task<LoadResult> RunAsync(TimeSpan duration)
    {
        await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {duration.TotalMilliseconds}"));
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"The Stripe.net loop exited (code {(_process.HasExited ? _process.ExitCode : -1)}).");
        var f = line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        LastCpuMsPerSession = f[5] / Math.Max(1, f[0]);
        return new LoadResult((long)f[0], (long)f[4], f[1], f[2], f[3]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        _process.Dispose();
    }
}
