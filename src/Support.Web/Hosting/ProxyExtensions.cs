using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Support.Web.Hosting;

/// <summary>Behind a reverse proxy: the reader's address (rate limits) and scheme (Secure cookies, HSTS).</summary>
public static class ProxyExtensions
{
    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            // Not X-Forwarded-Host: absolute URLs come from Site:PublicBaseUrl, and the Host header is checked as sent.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk X-Forwarded-For from the right while the hop is a trusted proxy, however many there are: the first
            // untrusted address is the reader (a value a reader wrote in the header themselves is never reached).
            forwarded.ForwardLimit = null;
            if (proxy.Value.TrustsOnlyLoopback)
            {
                return;
            }
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.Proxies())
            {
                forwarded.KnownProxies.Add(address);
            }
            foreach (var network in proxy.Value.Networks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }
}
