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
    private readonly Process _process;

    public Uri BaseAddress { get; }

    private ServiceProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    /// <summary>Starts the service and waits until it answers /healthz.</summary>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(root, "src", "Support.Web", "bin", configuration, "net10.0", "Support.Web.dll");
        var address = new Uri($"http://127.0.0.1:{Email.TestSmtpServer.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString()])
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
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // Drain the output so a chatty service never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, address);
        await service.WaitUntilHealthyAsync();
        return service;
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
        }, "the service answers /healthz", TimeSpan.FromSeconds(90));
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
