using System.Text.Json;
using System.Text.Json.Serialization;

namespace Support.Benchmarks;

/// <summary>What the figures were measured on, and how busy the machine was.</summary>
public sealed record MachineInfo(int Processors, string Cpu, double MemoryGb, string LoadAverage)
{
    public static MachineInfo Read()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024;
        return new MachineInfo(Environment.ProcessorCount, cpu ?? "unknown", Math.Round(memory, 1), load);
    }
}

public static class ResultsFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task WriteAsync(string path, BenchSettings settings, string loadGenerator, MachineInfo atStart,
        MachineInfo atEnd, double measuredSeconds, double totalSeconds, IReadOnlyList<ScenarioResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var document = new
        {
            date = DateTimeOffset.UtcNow,
            mode = settings.Smoke ? "smoke" : "full",
            load_generator = loadGenerator,
            machine = atStart,
            load_average_at_end = atEnd.LoadAverage,
            measured_seconds = measuredSeconds,
            total_seconds = totalSeconds,
            settings = new { settings.Warmup, settings.Measure, settings.Rounds, settings.Connections, settings.WebhookEvents, settings.WebhookSubscriptions, settings.WebhookConcurrency },
            results = results.Select(r => new
            {
                r.Name, line = r.Line(), r.Measured, r.Value, r.Unit, r.Ratio, r.Baseline, r.BaselineValue, r.Target,
                r.TargetMet, r.Reason, r.Problems, r.Tools, r.Details,
            }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
    }
}
