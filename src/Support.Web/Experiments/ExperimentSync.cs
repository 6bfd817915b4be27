using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Experiments;
using Support.Web.Shared;
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
    ILogger<ExperimentSync> logger) : CountFlusher<VariantCounts>(scopes, logger)
{
    private readonly SemaphoreSlim _reload = new(1, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the first page view: a running experiment is shown from the first request on.
        await ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override TimeSpan Interval => options.Value.SyncInterval;

    protected override string What => "experiment counts";

    protected override async Task TickAsync(CancellationToken stoppingToken)
    {
        await FlushAsync(CancellationToken.None);
        await ReloadAsync(stoppingToken);
    }

    protected override IReadOnlyList<VariantCounts> Drain() => counter.Drain();

    protected override void Restore(VariantCounts counts) => counter.Restore(counts);

    protected override Task WriteAsync(SupportDbContext db, VariantCounts c, CancellationToken ct) =>
        db.ExperimentVariants.Where(v => v.Id == c.VariantId).ExecuteUpdateAsync(u => u
            .SetProperty(v => v.Views, v => v.Views + c.Views)
            .SetProperty(v => v.Dismissals, v => v.Dismissals + c.Dismissals)
            .SetProperty(v => v.Reminders, v => v.Reminders + c.Reminders)
            .SetProperty(v => v.CheckoutStarts, v => v.CheckoutStarts + c.CheckoutStarts), ct);

    /// <summary>Reads running experiments and winners into the registry (after each staff change, and periodically).</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
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
            Logger.LogWarning(e, "Could not read the experiments; keeping the ones in memory");
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
