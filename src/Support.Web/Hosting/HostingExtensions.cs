using Microsoft.AspNetCore.Http.Features;
using Support.Web.Shared;

namespace Support.Web.Hosting;

/// <summary>Cross-cutting web plumbing: time, rendering, error pages.</summary>
public static class HostingExtensions
{
    public const long MaxRequestBodyBytes = 64 * 1024;
    public const int MaxFormValueLength = 8 * 1024;

    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorComponents();
        // Secure whenever the reader used https (seen through a trusted proxy); the default would never mark it.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddProblemDetails();
        // Every form here is a few short fields; the Stripe webhook raises its own limit. A bigger body is refused
        // (413) before it is read, whether it announces its length or not.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false; // says nothing an attacker needs
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.ValueLengthLimit = MaxFormValueLength;
            form.KeyLengthLimit = 256;
        });

        return builder;
    }

    /// <summary>
    /// The files of wwwroot, looked up only under its own top-level names (<c>/css</c>, <c>/js</c>): pages and forms
    /// no longer go through a file lookup on the way to their endpoints.
    /// </summary>
    public static IApplicationBuilder UseStaticFilesOfWebRoot(this WebApplication app)
    {
        PathString[] roots = [.. app.Environment.WebRootFileProvider.GetDirectoryContents("").Select(f => new PathString("/" + f.Name))];
        return app.UseWhen(http => Array.Exists(roots, root => http.Request.Path.StartsWithSegments(root)), files => files.UseStaticFiles());
    }

    /// <summary>Outside Development: an unexpected failure shows a page that says so, never a stack trace.</summary>
    public static IApplicationBuilder UseErrorPage(this IApplicationBuilder app) =>
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await Pages.Message(500, "Something went wrong on our side",
                "We have been told about it. Please try again in a moment.").ExecuteAsync(context);
        }));

    /// <summary>Binding failures (wrong content type, oversized form …) get a sentence, not an empty body.</summary>
    public static IApplicationBuilder UseStatusCodeMessages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(response.StatusCode switch
            {
                400 => "The request could not be read. If you submitted a form, go back and try again.",
                404 => "Not found.",
                405 => "That address does not accept this kind of request.",
                413 => "The request is too large.",
                415 => "Send the form as a normal web form (application/x-www-form-urlencoded).",
                _ => $"The request failed with status {response.StatusCode}.",
            });
        });
}
