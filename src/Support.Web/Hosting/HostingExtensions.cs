using Support.Web.Shared;

namespace Support.Web.Hosting;

/// <summary>Cross-cutting web plumbing: time, rendering, error pages.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorComponents();
        // Secure whenever the reader used https (seen through a trusted proxy); the default would never mark it.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddProblemDetails();
        return builder;
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
