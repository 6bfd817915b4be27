using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Support.Benchmarks.Hosting;

/// <summary>
/// The Release build of Support.Web as its own process on loopback: Development by default (the run passes
/// <see cref="ProductionSettings"/> when the emulator is out of process), a temporary data folder (fresh SQLite file), warning-level logs, and the baseline endpoints
/// loaded as an ASP.NET Core hosting startup assembly through a .NET startup hook.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_benchmark_secret";
    private readonly Process _process;
    private readonly bool _keepData;

    private ServiceHost(Process process, Uri baseAddress, string dataDirectory, string staticRoot, bool keepData)
    {
        _process = process;
        _keepData = keepData;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        StaticRoot = staticRoot;
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public string StaticRoot { get; }
    public string DatabasePath => Path.Combine(DataDirectory, "support.db");
    public int ProcessId => _process.Id;

    /// <summary>Starts the service; <paramref name="settings"/> (<c>Key:Sub=Value</c>) become environment variables.</summary>
    /// <remarks>Pass the same <paramref name="root"/> and <paramref name="keepData"/> to start again on the same data;
    /// <paramref name="port"/> when something must know the address before the service starts (the emulator).</remarks>
    public static async Task<ServiceHost> StartAsync(RepositoryPaths paths, TextWriter log, IEnumerable<string> settings,
        string? root = null, bool keepData = false, int? port = null)
    {
        port ??= FreePort();
        root ??= NewRoot();
        var data = Path.Combine(root, "data");
        var staticRoot = Path.Combine(root, "static");
        Directory.CreateDirectory(staticRoot);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = paths.WebOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { paths.WebAssembly, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["Database__DataDirectory"] = data;
        env["Stripe__WebhookSecret"] = WebhookSecret;
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        env["Benchmarks__StaticRoot"] = staticRoot;
        // The load comes from one loopback address: the per-client and global limits would measure the 429 page.
        env["Stripe__ClientRequestLimit"] = "100000000";
        env["Stripe__GlobalRequestLimit"] = "100000000";
        env["Staff__SignInAttemptsPerAddress"] = "10000";
        env["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = "Support.Benchmarks.Baselines";
        env["DOTNET_STARTUP_HOOKS"] = paths.BaselinesAssembly;
        // No inotify watchers for settings files: the machine-wide limit (128 instances) is shared with every other
        // .NET process, and a benchmark never reloads its settings.
        env["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        env["DOTNET_USE_POLLING_FILE_WATCHER"] = "1";
        foreach (var setting in settings)
        {
            var (key, value) = (setting.Split('=', 2)[0], setting.Split('=', 2).ElementAtOrDefault(1));
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine("[service] " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine("[service] " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new ServiceHost(process, new Uri($"http://127.0.0.1:{port}/"), data, staticRoot, keepData);
        try
        {
            await host.WaitUntilReadyAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The environment a publisher deploys, with the settings Production requires: a Stripe key (any sk_ key: the
    /// emulator behind <c>Stripe:ApiBase</c> does not check it), a public base URL and an SMTP relay (the run's sink).
    /// Development would add the developer exception page to every request (docs/performance.md, article-page).
    /// </summary>
    public static IReadOnlyList<string> ProductionSettings(int smtpPort) =>
    [
        "ASPNETCORE_ENVIRONMENT=Production",
        "Stripe:SecretKey=sk_test_benchmark_emulator",
        "Site:PublicBaseUrl=http://127.0.0.1",
        "Smtp:Host=127.0.0.1",
        $"Smtp:Port={smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        "Smtp:UseStartTls=false",
    ];

    public static string NewRoot() => Path.Combine(Path.GetTempPath(), "support-bench", Guid.NewGuid().ToString("N"));

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var healthy = await Poll.UntilAsync(() =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited during start (code {_process.ExitCode}); see the log above.");
            }
            return Poll.Answers(async () => (await http.GetAsync("healthz")).IsSuccessStatusCode);
        }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        if (!healthy)
        {
            throw new TimeoutException("The service did not become healthy within 90 s.");
        }
        // The baselines must be there, or every ratio would compare against a 404.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "5" });
        using var probe = await http.PostAsync("_bench/checkout", form);
        if (probe.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException(
                $"The baseline endpoints are not loaded (POST /_bench/checkout answered {(int)probe.StatusCode}).");
        }
    }

    /// <summary>CPU time (user and system) the service has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resets the kernel's peak-RSS counter (VmHWM), so the next reading covers only what follows.</summary>
    public bool ResetPeakMemory()
    {
        try
        {
            File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident set (VmHWM) in MB, from /proc; null off Linux.</summary>
    public double? PeakMemoryMb()
    {
        var path = $"/proc/{_process.Id}/status";
        if (!File.Exists(path))
        {
            return null;
        }
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kb is null ? null : long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM first: a graceful stop lets Hangfire release its storage locks, which a restart on the same
        // data would otherwise wait out.
        if (!_process.HasExited)
        {
            await Commands.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], Path.GetTempPath());
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepData)
        {
            return;
        }
        try
        {
            Directory.Delete(Path.GetDirectoryName(DataDirectory)!, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
