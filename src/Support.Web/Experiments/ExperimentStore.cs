using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Experiments;
using Support.Web.Articles;
using Support.Web.Prompt;
using Support.Web.Stripe;

namespace Support.Web.Experiments;

/// <summary>The outcome of a staff change: the experiment, or the HTTP status and messages to answer with.</summary>
public sealed record ExperimentChange(Experiment? Experiment, int StatusCode, IReadOnlyList<string> Errors)
{
    public static ExperimentChange Done(Experiment experiment, int statusCode = StatusCodes.Status200OK) => new(experiment, statusCode, []);
    public static ExperimentChange Refused(int statusCode, params string[] errors) => new(null, statusCode, errors);
}

/// <summary>Creates, stops and settles experiments; every change reloads this instance's registry at once.</summary>
public sealed class ExperimentStore(
    SupportDbContext db,
    ArticleCatalog catalog,
    IOptions<PromptOptions> prompt,
    IOptions<StripeOptions> stripe,
    TimeProvider time,
    ExperimentSync sync)
{
    public async Task<IReadOnlyList<Experiment>> ListAsync(CancellationToken ct) =>
        await db.Experiments.AsNoTracking().Include(e => e.Variants.OrderBy(v => v.Position))
            .OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).ToListAsync(ct);

    public Task<Experiment?> FindAsync(long id, CancellationToken ct) =>
        db.Experiments.AsNoTracking().Include(e => e.Variants.OrderBy(v => v.Position)).SingleOrDefaultAsync(e => e.Id == id, ct);

    public async Task<ExperimentChange> CreateAsync(ExperimentDraft draft, CancellationToken ct)
    {
        var (experiment, errors) = ExperimentValidation.Validate(
            draft, catalog, await EmbeddedPagesAsync(draft, ct), prompt.Value, stripe.Value.Currency, time.GetUtcNow().UtcDateTime);
        if (experiment is null)
        {
            return new ExperimentChange(null, StatusCodes.Status400BadRequest, errors);
        }
        if (await OverlapAsync(experiment.ArticleSlugs, ct) is { } other)
        {
            return Busy(other);
        }
        experiment.RunningScopeHash = ScopeHash(experiment.ArticleSlugs);
        db.Experiments.Add(experiment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique scope index: another experiment for the same scope started in between.
            db.ChangeTracker.Clear();
            return await OverlapAsync(experiment.ArticleSlugs, ct) is { } winner ? Busy(winner) : throw new InvalidOperationException("The experiment could not be stored.");
        }
        await sync.ReloadAsync(ct);
        return ExperimentChange.Done(experiment, StatusCodes.Status201Created);
    }

    /// <summary>Which of the draft's articles are pages of the publisher's sites registered by the embed (their key, as typed).</summary>
    private async Task<IReadOnlySet<string>> EmbeddedPagesAsync(ExperimentDraft draft, CancellationToken ct)
    {
        var named = draft.Articles?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList() ?? [];
        if (named.Count == 0)
        {
            return new HashSet<string>();
        }
        var found = await db.Articles.AsNoTracking().Where(a => a.Origin != null && named.Contains(a.Slug)).Select(a => a.Slug).ToListAsync(ct);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<ExperimentChange> StopAsync(long id, CancellationToken ct)
    {
        var experiment = await db.Experiments.Include(e => e.Variants).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return ExperimentChange.Refused(StatusCodes.Status404NotFound, "There is no such experiment.");
        }
        if (experiment.Status == ExperimentStatus.Running)
        {
            Stop(experiment);
            await db.SaveChangesAsync(ct);
            await sync.ReloadAsync(ct);
        }
        return ExperimentChange.Done(experiment);
    }

    /// <summary>Stops the experiment if it runs; the winner's copy becomes the prompt of the experiment's articles.</summary>
    public async Task<ExperimentChange> DeclareWinnerAsync(long id, long variantId, CancellationToken ct)
    {
        var experiment = await db.Experiments.Include(e => e.Variants).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return ExperimentChange.Refused(StatusCodes.Status404NotFound, "There is no such experiment.");
        }
        if (experiment.Variants.All(v => v.Id != variantId))
        {
            return ExperimentChange.Refused(StatusCodes.Status400BadRequest, "That variant is not part of this experiment.");
        }
        if (experiment.Status == ExperimentStatus.Running)
        {
            Stop(experiment);
        }
        experiment.WinnerVariantId = variantId;
        await db.SaveChangesAsync(ct);
        await sync.ReloadAsync(ct);
        return ExperimentChange.Done(experiment);
    }

    private void Stop(Experiment experiment)
    {
        experiment.Status = ExperimentStatus.Stopped;
        experiment.StoppedAt = time.GetUtcNow().UtcDateTime;
        experiment.RunningScopeHash = null;
    }

    /// <summary>A running experiment with the same scope, or chosen articles in common.</summary>
    private async Task<Experiment?> OverlapAsync(string? slugs, CancellationToken ct)
    {
        var running = await db.Experiments.AsNoTracking().Where(e => e.Status == ExperimentStatus.Running).ToListAsync(ct);
        var mine = slugs?.Split(',').ToHashSet(StringComparer.Ordinal);
        return running.FirstOrDefault(e => e.ArticleSlugs == slugs
            || (mine is not null && e.ArticleSlugs is not null && e.ArticleSlugs.Split(',').Any(mine.Contains)));
    }

    private static ExperimentChange Busy(Experiment other) => ExperimentChange.Refused(StatusCodes.Status409Conflict,
        $"Experiment {other.Id} (\"{other.Name}\") is already running for these articles. Stop it first.");

    private static string ScopeHash(string? slugs) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(slugs ?? "*")));
}
