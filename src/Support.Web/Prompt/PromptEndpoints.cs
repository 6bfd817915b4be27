using Microsoft.AspNetCore.Mvc;
using Support.Web.Experiments;
using Support.Web.Shared;

namespace Support.Web.Prompt;

public static class PromptEndpoints
{
    public static WebApplicationBuilder AddPrompt(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PromptOptions>().BindConfiguration(PromptOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PromptFatigueOptions>().BindConfiguration(PromptFatigueOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PromptGate>();
        builder.Services.AddSingleton<PromptCookie>();
        builder.Services.AddSingleton<PromptFactory>();
        // Views and checkout starts counted in memory, added to PromptDailyStats by the flusher (Reports reads them).
        builder.Services.AddSingleton<PromptCounter>();
        builder.Services.AddSingleton<PromptStatsFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PromptStatsFlusher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapPrompt(this IEndpointRouteBuilder app)
    {
        // Readers are anonymous here and the form changes nothing but their own cookie: no antiforgery token
        // (see docs/decisions/0003-reader-forms-without-antiforgery.md).
        app.MapPost("/prompt/dismiss", Dismiss).DisableAntiforgery();
        return app;
    }

    private static IResult Dismiss(
        HttpContext http,
        [FromForm] string? returnUrl,
        [FromForm] string? variant,
        PromptCookie cookie,
        ExperimentRegistry experiments,
        ExperimentCounter counter)
    {
        cookie.Close(http.Request, http.Response);
        if (experiments.RunningVariant(variant) is { } shown)
        {
            counter.Dismissed(shown.Id);
        }
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.NoContent();
        }
        // Only same-site paths, so the form cannot be used as an open redirect.
        return Results.Redirect(LocalUrl.OrDefault(returnUrl, "/"), permanent: false, preserveMethod: false);
    }
}
