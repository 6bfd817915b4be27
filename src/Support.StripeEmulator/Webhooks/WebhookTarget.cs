using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Support.StripeEmulator.Webhooks;

/// <summary>Where deliveries go: the configured base URL, or else the address the host app listens on.</summary>
internal sealed class WebhookTarget(IOptions<StripeEmulatorOptions> options, IServiceProvider services)
{
    private Uri? _resolved;

    public Uri Resolve()
    {
        if (_resolved is not null)
        {
            return _resolved;
        }
        var baseUrl = options.Value.AppBaseUrl ?? ListeningAddress();
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _resolved = new Uri(root + "/" + options.Value.WebhookPath.TrimStart('/'));
        return _resolved;
    }

    // Read lazily: addresses exist only once Kestrel has bound, after the hosted services have started.
    private Uri ListeningAddress()
    {
        var server = services.GetService(typeof(IServer)) as IServer;
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("StripeEmulator: AppBaseUrl is not set and the server reports no address.");
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" })
        {
            address = address.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }
        return new Uri(address);
    }
}
