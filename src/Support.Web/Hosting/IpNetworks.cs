using System.Net;

namespace Support.Web.Hosting;

/// <summary>Address lists in settings (proxies, metrics scrapers): parsed once, mistakes named.</summary>
public static class IpNetworks
{
    /// <summary>The entries that are not a network in CIDR notation (e.g. 10.0.0.0/24), for the start-up message.</summary>
    public static IEnumerable<string> Invalid(IEnumerable<string> networks) => networks.Where(n => !IPNetwork.TryParse(n.Trim(), out _));

    public static IEnumerable<IPNetwork> Parse(IEnumerable<string> networks) =>
        networks.Select(n => IPNetwork.TryParse(n.Trim(), out var network) ? (IPNetwork?)network : null).OfType<IPNetwork>();

    public static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>Whether the address is in one of the networks; an IPv4 client on a dual-stack socket counts as IPv4.</summary>
    public static bool Contains(IEnumerable<IPNetwork> networks, IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(plain));
    }
}
