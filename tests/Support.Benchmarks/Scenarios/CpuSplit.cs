using System.Diagnostics;
using Support.Benchmarks.Load;

namespace Support.Benchmarks.Scenarios;

/// <summary>
/// CPU milliseconds per request spent by the service and by this process (the emulator when it runs here; wrk is
/// its own process) during one extra load run: on a shared 2-core machine, the CPU share says what requests/s cannot.
/// </summary>
public sealed record CpuSplit(double ServiceMsPerRequest, double BenchProcessMsPerRequest, long Requests)
{
    public static async Task<CpuSplit> MeasureAsync(BenchContext bench, LoadRequest request)
    {
        var service = bench.Service.CpuTime();
        var own = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await bench.Load.RunAsync(request, bench.Settings.Connections, bench.Settings.Warmup);
        var serviceMs = (bench.Service.CpuTime() - service).TotalMilliseconds;
        var ownMs = (Process.GetCurrentProcess().TotalProcessorTime - own).TotalMilliseconds;
        var requests = Math.Max(1, result.Requests);
        return new CpuSplit(serviceMs / requests, ownMs / requests, result.Requests);
    }
}
