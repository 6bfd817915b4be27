using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Experiments;
using Support.Web.Stripe;

namespace Support.Web.Experiments;

/// <summary>
/// Every <see cref="ExperimentOptions.SyncInterval"/> (and at shutdown) adds this instance's variant counts to the
/// database by increment, so instances add up; then reloads running experiments and winners into the registry.
/// </summary>
public sealed class ExperimentSync(
    ExperimentRegistry registry,
    ExperimentCounter counter,
    IServiceScopeFactory scopes,
    IOptions<ExperimentOptions> options,
    IOptions<StripeOptions> stripe,
    ILogger<ExperimentSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim _reload = new(1, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the first page view: a running experiment is shown from the first request on.
        await ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SyncInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
                await ReloadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush happens in StopAsync.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes the counts gathered so far; they are put back if the database refuses.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var drained = counter.Drain();
        var written = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            foreach (var c in drained)
            {
                await db.ExperimentVariants.Where(v => v.Id == c.VariantId).ExecuteUpdateAsync(u => u
                    .SetProperty(v => v.Views, v => v.Views + c.Views)
                    .SetProperty(v => v.Dismissals, v => v.Dismissals + c.Dismissals)
                    .SetProperty(v => v.Reminders, v => v.Reminders + c.Reminders)
                    .SetProperty(v => v.CheckoutStarts, v => v.CheckoutStarts + c.CheckoutStarts), ct);
                written++;
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException
            or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Could not write experiment counts; keeping them for the next flush");
            foreach (var c in drained.Skip(written))
            {
                counter.Restore(c);
            }
        }
    }

    /// <summary>Reads running experiments and winners into the registry (after each staff change, and periodically).</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
            var experiments = await db.Experiments.AsNoTracking().Include(e => e.Variants)
                .Where(e => e.Status == ExperimentStatus.Running || e.WinnerVariantId != null)
                .OrderByDescending(e => e.StoppedAt ?? e.StartedAt).ThenByDescending(e => e.Id).ToListAsync(ct);
            var running = new List<(ExperimentScope, RunningExperiment)>();
            foreach (var e in experiments.Where(e => e.Status == ExperimentStatus.Running))
            {
                var variants = e.Variants.OrderBy(v => v.Position).Select(v => ToCopy(e, v)).ToList();
                var shares = e.Mode == ExperimentMode.Bandit
                    ? await BanditShares.ComputeAsync(db, e, stripe.Value.Currency, options.Value, ct)
                    : [.. variants.Select(v => (double)v.Weight)];
                running.Add((ScopeOf(e), new RunningExperiment(e.Id, e.Name, variants, shares)));
            }
            var winners = experiments.Where(e => e.WinnerVariantId is not null)
                .Select(e => (ScopeOf(e), ToCopy(e, e.Variants.Single(v => v.Id == e.WinnerVariantId)))).ToList();
            registry.Replace(new ExperimentSnapshot(running, winners));
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "Could not read the experiments; keeping the ones in memory");
        }
        finally
        {
            _reload.Release();
        }
    }

    private static ExperimentScope ScopeOf(Experiment e) =>
        e.ArticleSlugs is null ? ExperimentScope.AllArticles : new ExperimentScope(e.ArticleSlugs.Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static VariantCopy ToCopy(Experiment experiment, ExperimentVariant v) => new(
        v.Id,
        experiment.Id,
        v.Name,
        v.Weight,
        v.Heading,
        v.Paragraphs?.Split('\n'),
        v.PresetAmountsCents?.Split(',').Select(a => long.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        v.DefaultAmountCents,
        v.DefaultFrequency,
        v.Placement is null ? null : Enum.Parse<Support.Web.Prompt.PromptPlacement>(v.Placement),
        v.ButtonText);
}
