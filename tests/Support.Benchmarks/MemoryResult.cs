using Support.Benchmarks.Hosting;

namespace Support.Benchmarks;

/// <summary>
/// 6. The service's peak resident set (VmHWM) during scenarios 1 and 3, against a 200 MB budget, with what it was made
/// of at the highest sample of each scenario (<see cref="MemorySample"/>).
/// </summary>
public static class MemoryResult
{
    private const double BudgetMb = 200;

    public static ScenarioResult From(IReadOnlyList<(string Scenario, double PeakMb, MemorySample? Split)> peaks)
    {
        if (peaks.Count == 0)
        {
            return ScenarioResult.NotMeasured("memory", "no /proc/<pid>/status VmHWM (not Linux, or the peak could not be reset)");
        }
        var peak = peaks.Max(p => p.PeakMb);
        var details = new Dictionary<string, double> { ["peak_mb"] = peak };
        foreach (var (scenario, mb, split) in peaks)
        {
            details[$"{scenario}_peak_mb"] = mb;
            foreach (var (kind, kindMb) in split?.KindsMb ?? new Dictionary<string, double>())
            {
                details[$"{scenario}_{kind}_mb"] = kindMb;
            }
            details[$"{scenario}_gc_committed_mb"] = split?.ManagedCommittedMb ?? 0;
            details[$"{scenario}_gc_heap_mb"] = split?.ManagedHeapMb ?? 0;
        }
        return new ScenarioResult
        {
            Name = "memory",
            Value = peak,
            Unit = "MB",
            Ratio = peak / BudgetMb,
            Baseline = "budget",
            BaselineValue = BudgetMb,
            Note = "peak working set (VmHWM): " + string.Join("; ", peaks.Select(p =>
                $"{p.Scenario} {p.PeakMb:0} MB" + (p.Split is { } s ? $" (at the highest sample {s.Describe()})" : ""))),
            Target = "≤ 200 MB",
            TargetMet = peak <= BudgetMb,
            Details = details,
            Tools = new() { ["baseline"] = "fixed budget; split from /proc/<pid>/smaps and GC.GetGCMemoryInfo (/_bench/memory)" },
        };
    }
}
