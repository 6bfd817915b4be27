using System.Globalization;

namespace Support.Benchmarks;

/// <summary>One scenario's figure next to its baseline from the same run, or why it was not measured.</summary>
public sealed class ScenarioResult
{
    public required string Name { get; init; }
    public bool Measured { get; init; } = true;
    public double Value { get; init; }
    public string Unit { get; init; } = "";
    public double Ratio { get; init; }
    public string Baseline { get; init; } = "";
    public double BaselineValue { get; init; }
    /// <summary>e.g. "≥ 0.6×"; the ratio is compared with it.</summary>
    public string Target { get; init; } = "";
    public bool? TargetMet { get; init; }
    public string? Reason { get; init; }
    /// <summary>Things that broke (HTTP errors, ledger miscounts): any of them fails the run.</summary>
    public List<string> Problems { get; init; } = [];
    public Dictionary<string, double> Details { get; init; } = [];
    /// <summary>What each side ran on, with versions ("baseline" → "nginx (nginx version: nginx/1.22.1)"), for the JSON.</summary>
    public Dictionary<string, string> Tools { get; init; } = [];
    public string? Note { get; init; }

    public static ScenarioResult NotMeasured(string name, string reason) =>
        new() { Name = name, Measured = false, Reason = reason };

    public string Line()
    {
        if (!Measured)
        {
            return $"{Name}: not measured ({Reason})";
        }
        var line = $"{Name}: {Number(Value)} {Unit} ({Number(Ratio, "0.00")} × {Baseline} {Number(BaselineValue)} {Unit})";
        if (Note is not null)
        {
            line += $"; {Note}";
        }
        line += $"; target {Target}: {(TargetMet == true ? "met" : "missed")}";
        return Problems.Count == 0 ? line : line + $"; BROKEN: {string.Join("; ", Problems)}";
    }

    public static string Number(double value, string? format = null) =>
        value.ToString(format ?? (Math.Abs(value) >= 100 ? "#,0" : "0.0#"), CultureInfo.InvariantCulture);
}
