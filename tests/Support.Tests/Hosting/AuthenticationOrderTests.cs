using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Support.Tests.Infrastructure;

namespace Support.Tests.Hosting;

/// <summary>
/// In the running app, authentication happens only where Program.cs places it, and only for a sign-in cookie:
/// ASP.NET Core adds its own <c>UseAuthentication()</c> in front of the whole pipeline unless the app says it has one.
/// </summary>
public sealed class AuthenticationOrderTests(AuthenticationOrderTests.CountingApp app) : IClassFixture<AuthenticationOrderTests.CountingApp>
{
    /// <summary>The app with its scheme provider counting the authentication middleware's first question.</summary>
    public sealed class CountingApp : SupportAppFactory
    {
        public CountingSchemes Schemes { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAuthenticationSchemeProvider>(sp =>
                Schemes = new CountingSchemes(sp.GetRequiredService<IOptions<AuthenticationOptions>>())));
        }
    }

    /// <summary>Counts <see cref="GetRequestHandlerSchemesAsync"/>, which AuthenticationMiddleware asks on every run.</summary>
    public sealed class CountingSchemes(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            Interlocked.Increment(ref _runs);
            return base.GetRequestHandlerSchemesAsync();
        }
    }

    [Fact]
    public async Task A_reader_without_a_sign_in_cookie_is_never_authenticated()
    {
        using var reader = app.CreateBrowserClient();
        var before = app.Schemes.Runs;

        for (var view = 0; view < 3; view++)
        {
            (await reader.GetAsync(ReaderJourney.ArticlePath)).EnsureSuccessStatusCode();
        }

        Assert.Equal(before, app.Schemes.Runs);
    }

    [Fact]
    public async Task A_request_with_a_sign_in_cookie_is_authenticated_once()
    {
        using var client = app.CreateBrowserClient();
        var before = app.Schemes.Runs;
        using var request = new HttpRequestMessage(HttpMethod.Get, ReaderJourney.ArticlePath);
        request.Headers.Add("Cookie", "support_staff=not-a-ticket");

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        Assert.Equal(before + 1, app.Schemes.Runs);
    }
}
