using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Support.Web.Hosting;

namespace Support.Tests.Hosting;

/// <summary>Authentication runs for requests with a sign-in cookie only, unless a scheme of another kind is registered.</summary>
public sealed class SessionAuthenticationTests
{
    private const string SessionCookie = "session";

    [Theory]
    [InlineData(null)]
    [InlineData("support_prompt=abc")]
    public async Task A_request_without_a_sign_in_cookie_skips_the_handlers(string? cookie)
    {
        var (ran, context) = await SendAsync(cookie, otherKindOfScheme: false);

        Assert.True(ran);
        Assert.Null(context.Features.Get<IAuthenticationFeature>());
        Assert.False(context.User.Identity?.IsAuthenticated ?? false);
    }

    [Theory]
    [InlineData(SessionCookie + "=not-a-ticket")]
    [InlineData("support_prompt=abc; " + SessionCookie + "=chunks-2")]
    public async Task A_request_with_a_sign_in_cookie_is_authenticated(string cookie)
    {
        var (ran, context) = await SendAsync(cookie, otherKindOfScheme: false);

        Assert.True(ran);
        Assert.NotNull(context.Features.Get<IAuthenticationFeature>());
    }

    [Fact]
    public async Task With_a_scheme_that_is_not_a_cookie_every_request_is_authenticated()
    {
        var (ran, context) = await SendAsync(null, otherKindOfScheme: true);

        Assert.True(ran);
        Assert.NotNull(context.Features.Get<IAuthenticationFeature>());
    }

    private static async Task<(bool Ran, HttpContext Context)> SendAsync(string? cookie, bool otherKindOfScheme)
    {
        var services = new ServiceCollection().AddLogging();
        var authentication = services.AddAuthentication("staff")
            .AddCookie("staff", o => o.Cookie.Name = "staff-cookie")
            .AddCookie("supporter", o => o.Cookie.Name = SessionCookie);
        if (otherKindOfScheme)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, NobodyHandler>("other", _ => { });
        }
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }
        var ran = false;
        var middleware = new SessionAuthentication(_ => { ran = true; return Task.CompletedTask; },
            provider.GetRequiredService<IAuthenticationSchemeProvider>(),
            provider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>());
        await middleware.InvokeAsync(context);
        return (ran, context);
    }

    private sealed class NobodyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger,
        System.Text.Encodings.Web.UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
