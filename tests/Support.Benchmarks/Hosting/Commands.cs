using System.Diagnostics;

namespace Support.Benchmarks.Hosting;

/// <summary>Other programs the benchmark runs: the Release build, and <c>kill -TERM</c>.</summary>
public static class Commands
{
    /// <summary>Builds the service and the baselines in Release (incremental: quick when nothing changed).</summary>
    public static async Task BuildReleaseAsync(RepositoryPaths paths)
    {
        // Building the baselines builds Support.Web (a project reference) in Release too.
        var exit = await RunAsync("dotnet", ["build", "-c", "Release", "-nologo", "-v", "q", "-clp:ErrorsOnly;NoSummary", paths.BaselinesProject], paths.Root);
        if (exit != 0)
        {
            throw new InvalidOperationException($"dotnet build -c Release {paths.BaselinesProject} failed ({exit}).");
        }
    }

    public static async Task<int> RunAsync(string file, string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
