using System.Net;
using Microsoft.Extensions.Options;

namespace Support.Web.Hosting;

/// <summary>
/// Prometheus metrics at <c>/metrics</c>, off by default. Prometheus scrapes each instance directly (through the load
/// balancer it would see a different instance each time), so the endpoint answers only clients in
/// <see cref="AllowedNetworks"/> and 404 to everyone else, like when it is off.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; }

    /// <summary>Networks (CIDR) allowed to scrape, e.g. <c>10.0.5.0/24</c>; empty = loopback only.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    public bool Allows(IPAddress? client) =>
        IpNetworks.Contains(AllowedNetworks.Length == 0 ? IpNetworks.Loopback : IpNetworks.Parse(AllowedNetworks), client);
}

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var invalid = IpNetworks.Invalid(options.AllowedNetworks).ToList();
        return invalid.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(invalid.Select(n =>
            $"Metrics:AllowedNetworks has '{n}', which is not a network in CIDR notation (e.g. 10.0.5.0/24, or 10.0.5.9/32 for one address)."));
    }
}
