using Microsoft.Extensions.Options;
using Support.Web.Email;

namespace Support.Web.Hosting;

/// <summary>
/// SIGTERM: readiness turns 503 at once, the instance keeps serving for Shutdown:DrainDelay, then Kestrel stops taking
/// connections and waits for the requests in flight; only then do the background services stop (the server stops
/// first because ASP.NET Core registers it after the app's hosted services): reminder dispatchers hand back what they
/// have not sent, Hangfire puts interrupted jobs back in their queue. All within Shutdown:Timeout.
/// </summary>
public static class GracefulShutdown
{
    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section)
            .ValidateDataAnnotations()
            .Validate<IOptions<SmtpOptions>>((o, smtp) => o.Timeout > o.DrainDelay + smtp.Value.Timeout,
                "Shutdown:Timeout must be longer than Shutdown:DrainDelay plus Smtp:Timeout, so the email being sent when the stop came can finish and be recorded.")
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.Timeout);
        builder.Services.AddSingleton<ShutdownState>();
        builder.Services.AddHostedService<ShutdownDrain>();
        return builder;
    }
}

/// <summary>Whether this instance has begun to stop (read by the readiness check).</summary>
public sealed class ShutdownState(IHostApplicationLifetime lifetime)
{
    private int _draining;

    public bool IsStopping => Volatile.Read(ref _draining) == 1 || lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>False when the stop had already begun (a host stopped twice drains once).</summary>
    public bool BeginDraining() => Interlocked.Exchange(ref _draining, 1) == 0;
}

/// <summary>Runs first in the host's stop sequence: marks the instance not ready, then waits the drain delay.</summary>
public sealed class ShutdownDrain(ShutdownState state, IOptions<ShutdownOptions> options, TimeProvider time, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.DrainDelay;
        if (!state.BeginDraining() || delay <= TimeSpan.Zero)
        {
            return;
        }
        logger.LogInformation("Stopping: /healthz/ready answers 503; still serving for {DrainDelay}", delay);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out during the delay: go on stopping.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
