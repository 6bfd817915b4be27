using Microsoft.AspNetCore.Http.HttpResults;
using Support.Web.Staff;

namespace Support.Web.Reconciliation;

/// <summary>Reconciliation with Stripe: the runner (command and recurring job) and what staff see of it.</summary>
public static class ReconciliationEndpoints
{
    public static WebApplicationBuilder AddReconciliation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.Schedule) || IsCron(o.Schedule),
                "Reconciliation:Schedule must be a cron expression with five fields (e.g. \"7 * * * *\" for hourly) or empty.")
            .ValidateOnStart();
        builder.Services.AddScoped<Reconciler>();
        builder.Services.AddScoped<LedgerComparison>();
        builder.Services.AddScoped<ReconciliationStatus>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReconciliation(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/reconciliation", async (ReconciliationStatus status, HttpContext context) =>
                new RazorComponentResult<ReconciliationPage>(new { View = await status.GetAsync(context.RequestAborted) }))
            .RequireAuthorization(StaffPolicies.Staff);
        app.MapGet("/staff/api/reconciliation", async (ReconciliationStatus status, HttpContext context) =>
                TypedResults.Ok(await status.GetAsync(context.RequestAborted)))
            .RequireAuthorization(StaffPolicies.Staff);
        return app;
    }

    /// <summary>Five fields of cron characters; Hangfire parses it fully when the job is registered at start.</summary>
    private static bool IsCron(string expression) =>
        expression.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 5 } fields
        && fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or ',' or '-' or '/' or '?' or '#'));
}
