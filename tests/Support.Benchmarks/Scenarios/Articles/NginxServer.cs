using System.Diagnostics;
using System.Globalization;
using Support.Benchmarks.Hosting;

namespace Support.Benchmarks.Scenarios.Articles;

/// <summary>
/// Debian's nginx (<c>nginx-light</c>) in the foreground on a loopback port, serving one folder with a stock
/// static-file configuration (Debian's defaults: a worker per core, sendfile, tcp_nopush; no access log, and keep-alive
/// as long as wrk's connections, as Kestrel does). Its own config, pid and temp paths live in a temporary folder.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Serves <paramref name="file"/> (copied) at <c>/{its name}</c>, as <c>text/html; charset=utf-8</c>.</summary>
    public static async Task<NginxServer> StartAsync(ExternalTool nginx, string file)
    {
        var folder = Path.Combine(Path.GetTempPath(), "support-bench-nginx-" + Guid.NewGuid().ToString("N"));
        var www = Path.Combine(folder, "www");
        Directory.CreateDirectory(www);
        File.Copy(file, Path.Combine(www, Path.GetFileName(file)));
        var port = ServiceHost.FreePort();
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(folder, www, port));
        var start = new ProcessStartInfo(nginx.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log") })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        var server = new NginxServer(process, folder, port);
        try
        {
            await server.WaitUntilServingAsync(Path.GetFileName(file));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static string Config(string folder, string www, int port) => $$"""
        daemon off;
        worker_processes auto;
        pid {{folder}}/nginx.pid;
        events { worker_connections 1024; }
        http {
            sendfile on;
            tcp_nopush on;
            types { text/html html; }
            default_type application/octet-stream;
            charset utf-8;
            access_log off;
            keepalive_requests 1000000;
            client_body_temp_path {{folder}}/body;
            server {
                listen 127.0.0.1:{{port}};
                root {{www}};
            }
        }
        """;

    private async Task WaitUntilServingAsync(string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var serving = await Poll.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                var log = Path.Combine(_folder, "error.log");
                throw new InvalidOperationException($"nginx exited at start (code {_process.ExitCode}): "
                    + (File.Exists(log) ? await File.ReadAllTextAsync(log) : await _process.StandardError.ReadToEndAsync()));
            }
            return await Poll.Answers(async () =>
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, name));
                return response.IsSuccessStatusCode;
            });
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        if (!serving)
        {
            throw new TimeoutException("nginx did not serve the page within 10 s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // QUIT: the master lets its workers finish and exits with them (killing only the master would leave them).
            await Commands.RunAsync("kill", ["-QUIT", _process.Id.ToString(CultureInfo.InvariantCulture)], Path.GetTempPath());
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
