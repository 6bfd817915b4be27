namespace Support.Web.Hosting;

/// <summary>
/// Answers 400 with a sentence when the Host header is not a host name (or address) with an optional port, such as
/// <c>a..b</c>, <c>x:99999</c> or 300 characters, or is missing (HTTP/1.0). ASP.NET Core passes such a header on (AllowedHosts "*" accepts any
/// non-empty one), and Razor pages build their base URI from it, which threw: a 500 on every page.
/// </summary>
public static class HostHeaderCheck
{
    private const int MaxHostLength = 253;

    public static IApplicationBuilder UseHostHeaderCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsValid(context.Request.Host))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("The Host header of this request is not a valid host name. Check the address and try again.");
            return;
        }
        await next(context);
    });

    /// <summary>Nearly every request carries the same Host: the last one found valid skips the parse.</summary>
    private static volatile string? _lastValid;

    public static bool IsValid(HostString host)
    {
        if (host.HasValue && host.Value == _lastValid)
        {
            return true;
        }
        if (!host.HasValue || host.Host.Length > MaxHostLength || host.Port is < 1 or > 65535)
        {
            return false;
        }
        var valid = Uri.CheckHostName(host.Host.Trim('[', ']')) != UriHostNameType.Unknown
            && Uri.TryCreate($"http://{host.Value}/", UriKind.Absolute, out _);
        if (valid)
        {
            _lastValid = host.Value;
        }
        return valid;
    }
}
