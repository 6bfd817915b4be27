using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Checkout;

/// <summary>
/// Absolute addresses of the hosted pages (checkout, portal, invoice): the public base URL when one is set, else the
/// address of the request at hand, else the last address the API was called on (an invoice made by a renewal has no
/// request of its own), else the server's own address.
/// </summary>
internal sealed class HostedPages(IOptions<StripeEmulatorOptions> options, IServiceProvider services)
{
    private volatile string? _lastSeenRoot;

    public void Saw(HttpRequest request) => _lastSeenRoot = RootOf(request);

    public string Url(string path, HttpRequest? request = null)
    {
        var root = options.Value.PublicBaseUrl?.GetLeftPart(UriPartial.Path).TrimEnd('/')
            ?? (request is null ? null : RootOf(request))
            ?? _lastSeenRoot
            ?? ServerRoot();
        return $"{root}{options.Value.PathPrefix.TrimEnd('/')}/{path}";
    }

    private static string RootOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private string ServerRoot()
    {
        var server = services.GetService(typeof(IServer)) as IServer;
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1";
        return Addresses.Loopback(address).TrimEnd('/');
    }
}
