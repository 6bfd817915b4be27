using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Support.StripeEmulator.Webhooks;

/// <summary>Where deliveries go: the configured URL, else the app base URL (or the host's own address) plus the webhook path.</summary>
internal sealed class WebhookTarget(IOptions<StripeEmulatorOptions> options, IServiceProvider services)
{
    private Uri? _resolved;

    public Uri Resolve()
    {
        if (_resolved is not null)
        {
            return _resolved;
        }
        if (options.Value.WebhookUrl is { } url)
        {
            return _resolved = url;
        }
        var baseUrl = options.Value.AppBaseUrl ?? ListeningAddress();
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return _resolved = new Uri(root + "/" + options.Value.WebhookPath.TrimStart('/'));
    }

    // Read lazily: addresses exist only once Kestrel has bound, after the hosted services have started.
    private Uri ListeningAddress()
    {
        var server = services.GetService(typeof(IServer)) as IServer;
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("StripeEmulator: WebhookUrl is not set and the server reports no address.");
        return new Uri(Addresses.Loopback(address));
    }
}

internal static class Addresses
{
    /// <summary>A wildcard listening address (0.0.0.0, [::], +, *) as the loopback address a client can call.</summary>
    public static string Loopback(string address)
    {
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" })
        {
            address = address.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }
        return address;
    }
}
