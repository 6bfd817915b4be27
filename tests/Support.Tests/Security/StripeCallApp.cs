using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;

namespace Support.Tests.Security;

/// <summary>The app with a count of the HTTP requests its Stripe client sends (to the emulator), and settings of its own.</summary>
public class StripeCallApp : SupportAppFactory
{
    private readonly KeyValuePair<string, string?>[] _settings;

    public StripeCallApp() : this([]) { }

    public StripeCallApp(params KeyValuePair<string, string?>[] settings) => _settings = settings;

    public int StripeCalls => Volatile.Read(ref _calls);
    private int _calls;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient("stripe").AddHttpMessageHandler(() => new Counting(() => Interlocked.Increment(ref _calls))));
    }

    private sealed class Counting(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
