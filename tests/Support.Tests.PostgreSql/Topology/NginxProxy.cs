using System.Diagnostics;
using System.Globalization;
using Support.Tests.Infrastructure;

namespace Support.Tests.Topology;

/// <summary>
/// Debian's nginx in front of the instances, as docs/deployment.md sets it up: round robin over the upstreams,
/// forwarded headers, the next upstream when one refuses the connection (a killed instance). It writes an access
/// log of <c>method path upstream status</c>, so a test can see which instance answered what.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _directory;

    public Uri BaseAddress { get; }

    private NginxProxy(Process process, string directory, Uri baseAddress) => (_process, _directory, BaseAddress) = (process, directory, baseAddress);

    public static async Task<NginxProxy> StartAsync(int port, IEnumerable<int> upstreams)
    {
        Assert.True(File.Exists(Binary), "The topology test needs Debian's nginx: apt-get install -y nginx-light (.ci/run installs it).");
        var directory = Path.Combine(Path.GetTempPath(), "support-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // Workers run as nobody when nginx starts as root: they write their buffers here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        }
        var servers = string.Concat(upstreams.Select(p => $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;\n"));
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              log_format upstreams '$request_method $uri $upstream_addr $status';
              access_log {{directory}}/access.log upstreams;
              upstream support {
            {{servers}}    keepalive 16;
              }
              server {
                listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                location / {
                  proxy_pass http://support;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_next_upstream error timeout;
                  proxy_connect_timeout 2s;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(Binary, ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new NginxProxy(process, directory, new Uri($"http://127.0.0.1:{port}"));
        await proxy.WaitUntilListeningAsync();
        return proxy;
    }

    /// <summary>How many requests for <paramref name="path"/> (a prefix) each upstream answered, by its port (0: none could).</summary>
    public Dictionary<int, int> AnsweredBy(string path)
    {
        var counts = new Dictionary<int, int>();
        using var reader = new StreamReader(new FileStream(Path.Combine(_directory, "access.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ');
            if (fields.Length == 4 && fields[1].StartsWith(path, StringComparison.Ordinal))
            {
                // "127.0.0.1:5001, 127.0.0.1:5002" when the first refused: the last one answered.
                var port = int.TryParse(fields[2].Split(':')[^1], CultureInfo.InvariantCulture, out var p) ? p : 0;
                counts[port] = counts.GetValueOrDefault(port) + 1;
            }
        }
        return counts;
    }

    private Task WaitUntilListeningAsync() => Eventually.TrueAsync(async () =>
        {
            Assert.False(_process.HasExited, "nginx exited: " + ErrorLog());
            return File.Exists(Path.Combine(_directory, "nginx.pid")) && await AcceptsAsync();
        }, "nginx listening on its port");

    private async Task<bool> AcceptsAsync()
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        try
        {
            await tcp.ConnectAsync(BaseAddress.Host, BaseAddress.Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private string ErrorLog()
    {
        var path = Path.Combine(_directory, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no error log)";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
