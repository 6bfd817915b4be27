using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Support.Web.Hosting;

/// <summary>
/// <c>/healthz/live</c>: the process answers (checks nothing else, so a database outage never gets instances restarted).
/// <c>/healthz/ready</c>: the database and the job storage answer and the instance is not stopping; 503 otherwise.
/// <c>/healthz</c>: the address of earlier releases, kept for existing monitors: the same checks as ready, and the
/// same one-word body ("Healthy") as before.
/// </summary>
public static class HealthEndpoints
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        // The database check is registered with the provider (AddSupportDatabase).
        builder.Services.AddHealthChecks()
            .AddCheck<JobStorageHealthCheck>("jobs")
            .AddCheck<ShutdownHealthCheck>("shutdown");
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { ResponseWriter = WriteChecksAsync });
        app.MapHealthChecks("/healthz");
        return app;
    }

    /// <summary>One line per check: its status and our own description, never an exception's text (it may name hosts).</summary>
    private static Task WriteChecksAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status}" + (e.Value.Description is { } d ? $" ({d})" : ""));
        return context.Response.WriteAsync(report.Status + "\n" + string.Join("\n", lines) + "\n");
    }
}

/// <summary>Hangfire's storage answers a query (the recurring maintenance jobs run from it; emails never do).</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("support:health");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception e)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "job storage unreachable", e));
        }
    }
}

/// <summary>Not ready once the stop has begun, so the proxy sends new requests to the other instances.</summary>
public sealed class ShutdownHealthCheck(ShutdownState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(state.IsStopping ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());
}
