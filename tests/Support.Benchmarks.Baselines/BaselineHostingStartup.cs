using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Support.Benchmarks.Baselines;

[assembly: HostingStartup(typeof(BaselineHostingStartup))]

namespace Support.Benchmarks.Baselines;

/// <summary>
/// Adds the benchmark's baseline endpoints (<c>/_bench/…</c>) in front of the service's pipeline, in the same
/// Kestrel, without any benchmark code in the product. Loaded only when the benchmark starts the service with
/// <c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=Support.Benchmarks.Baselines</c>.
/// </summary>
public sealed class BaselineHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, BaselineStartupFilter>());
}

internal sealed class BaselineStartupFilter : IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        BaselineEndpoints.Use(app);
        next(app);
    };
}
