using System.Globalization;
using Support.Tests.Email;
using Support.Tests.Infrastructure;

namespace Support.Tests.Topology;

/// <summary>
/// Production's shape on one machine: two instances of the service (<c>dotnet Support.Web.dll</c>, each its own
/// process and its own SMTP relay) on one PostgreSQL database, nginx in front of them, and the Stripe emulator in
/// its own process delivering webhooks through nginx. <see cref="Kill"/> is a SIGKILL; <see cref="StartAsync(int)"/>
/// starts the instance again on the same port, as a supervisor would.
/// </summary>
public sealed class Topology : IAsyncDisposable
{
    /// <summary>Senders per instance for each queue (reminders, supporter emails): the documented resend bound per kill.</summary>
    public const int SendersPerInstance = 2;

    private readonly int[] _ports = [TestSmtpServer.FreePort(), TestSmtpServer.FreePort()];
    private readonly ServiceProcess?[] _instances = new ServiceProcess?[2];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "support-tests", Guid.NewGuid().ToString("N"));
    public TestSmtpServer[] Smtp { get; } = [new(), new()];
    public NginxProxy Proxy { get; private set; } = null!;
    public EmulatorProcess Emulator { get; private set; } = null!;

    public int PortOf(int instance) => _ports[instance];
    public Uri AddressOf(int instance) => new($"http://127.0.0.1:{_ports[instance]}");

    /// <summary>Everything up; the two instances start at the same moment on the empty database, with <paramref name="alongside"/>.</summary>
    public static async Task<Topology> StartAsync(Func<Topology, Task> alongside)
    {
        var topology = new Topology();
        Directory.CreateDirectory(topology.DataDirectory);
        topology.Proxy = await NginxProxy.StartAsync(TestSmtpServer.FreePort(), topology._ports);
        topology.Emulator = await EmulatorProcess.StartAsync(new Uri(topology.Proxy.BaseAddress, "/stripe/webhook"), SupportAppFactory.WebhookSecret);
        await Task.WhenAll(Task.Run(() => topology.StartAsync(0)), Task.Run(() => topology.StartAsync(1)), Task.Run(() => alongside(topology)));
        return topology;
    }

    /// <summary>What a publisher sets on every instance (the database settings come from <see cref="TestDatabase"/>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(int instance) =>
    [
        new("Stripe:ApiBase", Emulator.ApiBase),
        new("Stripe:SecretKey", EmulatorProcess.ApiKey),
        new("Site:PublicBaseUrl", Proxy.BaseAddress.ToString().TrimEnd('/')),
        new("Smtp:Host", "127.0.0.1"),
        new("Smtp:Port", Smtp[instance].Port.ToString(CultureInfo.InvariantCulture)),
        new("Smtp:UseStartTls", "false"),
        new("Smtp:From", "Support Test <support@support.test>"),
        new("Hangfire:Storage", "Database"),
        // Every reader comes through nginx from one address here; the limits would otherwise measure the 429 page.
        new("Stripe:ClientRequestLimit", "100000"),
        new("Stripe:GlobalRequestLimit", "100000"),
        // Small batches and a short lease: many claims to race for, and a dead instance's claims are taken over fast.
        .. Queue("Reminders"),
        .. Queue("SupporterEmails"),
    ];

    private static IEnumerable<KeyValuePair<string, string?>> Queue(string section) =>
    [
        new($"{section}:DispatchConnections", SendersPerInstance.ToString(CultureInfo.InvariantCulture)),
        new($"{section}:DispatchBatchSize", "10"),
        new($"{section}:DispatchPollInterval", "00:00:00.200"),
        new($"{section}:ClaimLease", "00:00:05"),
    ];

    public async Task StartAsync(int instance) =>
        _instances[instance] = await ServiceProcess.StartAsync(DataDirectory, Settings(instance), _ports[instance]);

    /// <summary>SIGKILL (no shutdown, no released claims), then a start on the same port with the same settings.</summary>
    public void Kill(int instance)
    {
        _instances[instance]!.Kill();
        _output.AddRange(_instances[instance]!.RecentOutput.Select(line => $"[instance {instance}, killed] {line}"));
        _instances[instance]!.Dispose();
    }

    /// <summary>Runs a command of the service (<c>staff add …</c>) as an operator would, against the shared database.</summary>
    public Task<(int ExitCode, string Output)> RunCommandAsync(string standardInput, params string[] arguments) =>
        ServiceProcess.RunCommandAsync(DataDirectory, Settings(0), arguments, standardInput);

    /// <summary>The messages both relays accepted for the address.</summary>
    public List<MimeKit.MimeMessage> Received(string email) => [.. Smtp[0].For(email), .. Smtp[1].For(email)];

    /// <summary>What the instances wrote (warnings and errors), the killed ones' included, for a failure's diagnosis.</summary>
    public IEnumerable<string> Output() =>
        _output.Concat(_instances.SelectMany((p, i) => (p?.RecentOutput ?? []).Select(line => $"[instance {i}] {line}")));

    private readonly List<string> _output = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            instance?.Dispose();
        }
        Emulator?.Dispose();
        Proxy?.Dispose();
        foreach (var smtp in Smtp)
        {
            smtp.Dispose();
        }
        await Task.Run(() => TestDatabase.Drop(DataDirectory));
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }
}
