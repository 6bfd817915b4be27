using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Support.Web.Hosting;

public static class MetricsExtensions
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        // Always there: instruments nobody listens to cost nothing, so the code that counts needs no switch.
        builder.Services.AddSingleton<SupportMetrics>();
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new();
        if (options.Enabled)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(SupportMetrics.MeterName)
                .AddPrometheusExporter());
        }
        return builder;
    }

    /// <summary>Prometheus text at /metrics for allowed networks; 404 for everyone else, and for all when off.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            // The client as forwarded headers left it: a reader coming through a trusted proxy is never the scraper.
            if (!options.Allows(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }), optionsName: null);
        return app;
    }
}
