using System.Diagnostics;

namespace Support.Benchmarks.Hosting;

/// <summary>Runs one of the service's commands (<c>demo seed …</c>, <c>staff add …</c>) on a data folder, as an operator would.</summary>
public static class ServiceCommand
{
    /// <remarks><paramref name="settings"/> (<c>Key:Sub=Value</c>) become environment variables, as for the service.</remarks>
    public static async Task<string> RunAsync(RepositoryPaths paths, string dataDirectory, IEnumerable<string> args,
        IReadOnlyList<string> settings, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = paths.WebOutput,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Prepend(paths.WebAssembly))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        // The same Stripe settings as the service it prepares: with the run's key set, a command that reads them
        // (demo seed's currency) validates them as the service does.
        start.Environment["Stripe__WebhookSecret"] = ServiceHost.WebhookSecret;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var setting in settings)
        {
            var (key, value) = (setting.Split('=', 2)[0], setting.Split('=', 2).ElementAtOrDefault(1));
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run the service's command.");
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', args)}` exited with {process.ExitCode}: {await output} {await errors}");
        }
        return (await output).Trim();
    }
}
