namespace Support.Benchmarks;

/// <summary>6. The service's peak resident set (VmHWM) during scenarios 1 and 3, against a 250 MB budget.</summary>
public static class MemoryResult
{
    private const double BudgetMb = 250;

    public static ScenarioResult From(IReadOnlyList<double> peaksMb)
    {
        if (peaksMb.Count == 0)
        {
            return ScenarioResult.NotMeasured("memory", "no /proc/<pid>/status VmHWM (not Linux, or the peak could not be reset)");
        }
        var peak = peaksMb.Max();
        return new ScenarioResult
        {
            Name = "memory",
            Value = peak,
            Unit = "MB",
            Ratio = peak / BudgetMb,
            Baseline = "budget",
            BaselineValue = BudgetMb,
            Note = "peak working set (VmHWM): " + string.Join(", ", peaksMb.Select(p => $"{p:0} MB")) + " in scenarios 1 and 3",
            Target = "≤ 250 MB",
            TargetMet = peak <= BudgetMb,
            Details = new() { ["peak_mb"] = peak },
        };
    }
}
