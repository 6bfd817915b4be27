using System.Net;
using Microsoft.Extensions.Options;

namespace Support.Web.Hosting;

/// <summary>
/// Which reverse proxies may tell us the reader's address and scheme (X-Forwarded-For, X-Forwarded-Proto). Both
/// lists empty: only loopback is trusted (a proxy on the same machine), ASP.NET Core's default. Anything listed
/// replaces that default, so what is written here is exactly what is trusted; list 127.0.0.1 too if a local nginx
/// sits in front as well.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>IP addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool TrustsOnlyLoopback => KnownProxies.Length == 0 && KnownNetworks.Length == 0;

    public IEnumerable<IPAddress> Proxies() =>
        KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address) ? address : null).OfType<IPAddress>();

    public IEnumerable<IPNetwork> Networks() => IpNetworks.Parse(KnownNetworks);
}

/// <summary>A mistyped proxy address would silently trust nobody (or the wrong host): refuse to start instead.</summary>
public sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _)))
        {
            failures.Add($"ForwardedHeaders:KnownProxies has '{proxy}', which is not an IP address (e.g. 10.0.0.5 or ::1).");
        }
        foreach (var network in IpNetworks.Invalid(options.KnownNetworks))
        {
            failures.Add($"ForwardedHeaders:KnownNetworks has '{network}', which is not a network in CIDR notation (e.g. 10.0.0.0/24).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
