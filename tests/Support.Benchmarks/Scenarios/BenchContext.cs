using Support.Benchmarks.Hosting;
using Support.Benchmarks.Load;

namespace Support.Benchmarks.Scenarios;

/// <summary>What every scenario gets: the running service, a load generator, sizes, and a client for set-up calls.</summary>
public sealed class BenchContext(ServiceHost service, ILoadGenerator load, HttpLoad http, BenchSettings settings, Uri emulatorApiBase,
    BenchDatabase? database = null) : IDisposable
{
    public const string ArticleSlug = "putin-criticizes-us-counterterrorism-cooperation";

    public ServiceHost Service { get; } = service;
    public ILoadGenerator Load { get; } = load;
    public HttpLoad Http { get; } = http;
    public BenchSettings Settings { get; } = settings;

    /// <summary>The service's database (SQLite unless the run passes another), for the ledger checks.</summary>
    public BenchDatabase Database { get; } = database ?? BenchDatabase.Sqlite;

    /// <summary>The Stripe API base the service calls: the emulator, in this process or mapped into the service.</summary>
    public Uri EmulatorApiBase { get; } = emulatorApiBase;

    /// <summary>A plain client for set-up: no redirects, no cookies (a reader who has never dismissed the prompt).</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = service.BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Uri Url(string path) => new(Service.BaseAddress, path);

    public void Dispose() => Client.Dispose();
}
