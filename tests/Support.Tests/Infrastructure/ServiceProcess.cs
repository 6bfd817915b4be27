using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Data;

namespace Support.Tests.Infrastructure;

/// <summary>
/// The service as a publisher runs it: <c>dotnet Support.Web.dll</c> in a process of its own (the build the tests
/// were compiled against), configured only through environment variables, on a loopback port. <see cref="Kill"/>
/// ends it with SIGKILL, as a crash or an out-of-memory kill would; the same settings start it again.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    /// <summary>The tests that start services as processes run one at a time (their starts alone load 2 cores).</summary>
    public const string Collection = "Service processes";

    private readonly Process _process;

    public Uri BaseAddress { get; }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>The last 200 lines the service wrote (warnings and errors: its log level is Warning).</summary>
    public IReadOnlyCollection<string> RecentOutput => _output;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private ServiceProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    /// <summary>Starts the service and waits until it answers /healthz.</summary>
    /// <remarks>Pass <paramref name="port"/> to start again where a proxy expects it.</remarks>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, IEnumerable<KeyValuePair<string, string?>> settings, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? Email.TestSmtpServer.FreePort()}");
        var process = Process.Start(StartInfo(dataDirectory, settings, ["--urls", address.ToString()]))
            ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new ServiceProcess(process, address);
        // Drain the output so a chatty service never blocks on a full pipe; the last lines are kept for failures.
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilHealthyAsync();
        return service;
    }

    /// <summary>Runs one of the service's commands (<c>staff add …</c>) with the same settings; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string dataDirectory, IEnumerable<KeyValuePair<string, string?>> settings,
        IEnumerable<string> arguments, string standardInput)
    {
        var start = StartInfo(dataDirectory, settings, arguments);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        await process.StandardInput.WriteLineAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, IEnumerable<KeyValuePair<string, string?>> settings, IEnumerable<string> arguments)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(root, "src", "Support.Web", "bin", configuration, "net10.0", "Support.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            // The content root: appsettings.json and the articles, as `dotnet run` has them.
            WorkingDirectory = Path.Combine(root, "src", "Support.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Stripe__AllowEmulator"] = "true";
        start.Environment["Smtp__Host"] = "127.0.0.1";
        start.Environment["Smtp__Port"] = "9";
        start.Environment["Smtp__UseStartTls"] = "false";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Stripe__WebhookSecret"] = SupportAppFactory.WebhookSecret;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in TestDatabase.Settings(dataDirectory).Concat(settings))
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        return start;
    }

    /// <summary>The service's database, opened by the test as another program would.</summary>
    public static SupportDbContext OpenDatabase(string dataDirectory)
    {
        var options = new DbContextOptionsBuilder<SupportDbContext>();
        var connection = TestDatabase.Settings(dataDirectory).FirstOrDefault(s => s.Key == "ConnectionStrings:Support").Value;
        if (connection is null)
        {
            options.UseSqlite($"Data Source={Path.Combine(dataDirectory, "support.db")}");
        }
        else
        {
            options.UseNpgsql(connection);
        }
        return new SupportDbContext(options.Options);
    }

    /// <summary>SIGKILL: no shutdown, no flush, no release of claims.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // A bound, not a speed check: several services starting at once on a loaded 2-core machine took over 90 s.
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(_process.HasExited, $"The service exited with {(_process.HasExited ? _process.ExitCode : 0)} before answering.");
            try
            {
                return (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false; // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                return false; // Starting slowly on a loaded machine.
            }
        }, "the service answers /healthz", TimeSpan.FromSeconds(180));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Support.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Support.sln not found above the test output.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }
}
