using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Support.Web.Hosting;

/// <summary>
/// <see cref="AuthenticationMiddleware"/> for the requests that carry a sign-in cookie (staff or supporter), and
/// nothing for the rest: every scheme here is a cookie scheme, which finds no user without its cookie, so a reader's
/// article view or prompt post no longer pays for the handlers (a third of the article's own path, docs/performance.md).
/// Should a scheme of another kind be added (a bearer token, an OAuth callback), every request is authenticated again.
/// </summary>
public sealed class SessionAuthentication(RequestDelegate next, IAuthenticationSchemeProvider schemes,
    IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    private readonly AuthenticationMiddleware _authentication = new(next, schemes);
    private string[]? _cookieNames;

    public async Task InvokeAsync(HttpContext context)
    {
        var names = _cookieNames ??= await SessionCookieNamesAsync();
        if (names.Length > 0 && !CarriesAny(context.Request, names))
        {
            await next(context);
            return;
        }
        await _authentication.Invoke(context);
    }

    private static bool CarriesAny(HttpRequest request, string[] names)
    {
        if (request.Headers.Cookie.Count == 0)
        {
            return false;
        }
        var cookies = request.Cookies;
        foreach (var name in names)
        {
            // A chunked ticket keeps its chunk count under the name itself.
            if (cookies.ContainsKey(name))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The cookie names of every scheme; empty (authenticate always) unless every scheme is a cookie scheme.</summary>
    private async Task<string[]> SessionCookieNamesAsync()
    {
        var all = (await schemes.GetAllSchemesAsync()).ToList();
        if (all.Any(s => !typeof(CookieAuthenticationHandler).IsAssignableFrom(s.HandlerType)))
        {
            return [];
        }
        var names = all.Select(s => cookies.Get(s.Name).Cookie.Name ?? "").ToArray();
        return names.All(n => n.Length > 0) ? names : [];
    }
}

public static class SessionAuthenticationExtensions
{
    /// <summary>
    /// ASP.NET Core's <c>UseAuthentication</c> marks the pipeline with this key; without it, WebApplication puts its own
    /// AuthenticationMiddleware in front of everything (before forwarded headers, for every request).
    /// </summary>
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    /// <summary>In place of <c>UseAuthentication</c>: the same, skipped for requests without a sign-in cookie.</summary>
    public static IApplicationBuilder UseSessionAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.UseMiddleware<SessionAuthentication>();
    }
}
