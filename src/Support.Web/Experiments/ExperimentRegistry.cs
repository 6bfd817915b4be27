namespace Support.Web.Experiments;

/// <summary>The articles an experiment (or a declared winner) applies to: all of them, or the chosen slugs.</summary>
public sealed record ExperimentScope(IReadOnlySet<string>? Slugs)
{
    public static readonly ExperimentScope AllArticles = new((IReadOnlySet<string>?)null);

    public bool Covers(string slug) => Slugs is null ? slug.Length > 0 : Slugs.Contains(slug);
}

/// <summary>What the page path needs of the stored experiments, rebuilt by <see cref="ExperimentSync"/>.</summary>
public sealed record ExperimentSnapshot(
    IReadOnlyList<(ExperimentScope Scope, RunningExperiment Experiment)> Running,
    IReadOnlyList<(ExperimentScope Scope, VariantCopy Copy)> Winners)
{
    public static readonly ExperimentSnapshot Empty = new([], []);
}

/// <summary>
/// Running experiments and declared winners in memory: a page view reads them without touching the database. An
/// experiment for chosen articles wins over one for all articles; the newest winner of a scope is its prompt.
/// </summary>
public sealed class ExperimentRegistry
{
    private volatile Lookup _lookup = new(ExperimentSnapshot.Empty);

    public void Replace(ExperimentSnapshot snapshot) => _lookup = new Lookup(snapshot);

    public RunningExperiment? RunningFor(string slug) => _lookup.Running(slug);

    public VariantCopy? WinnerFor(string slug) => _lookup.Winner(slug);

    /// <summary>A variant of a running experiment, from a form's hidden field; null for anything else.</summary>
    public VariantCopy? RunningVariant(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? _lookup.Variant(value)
            : null;

    private sealed class Lookup(ExperimentSnapshot snapshot)
    {
        private readonly Dictionary<long, VariantCopy> _variants =
            snapshot.Running.SelectMany(r => r.Experiment.Variants).ToDictionary(v => v.Id);

        public RunningExperiment? Running(string slug) =>
            First(snapshot.Running, slug)?.Value;

        public VariantCopy? Winner(string slug) => First(snapshot.Winners, slug)?.Value;

        public VariantCopy? Variant(long id) => _variants.GetValueOrDefault(id);

        // Chosen articles first, then all articles; within each, the list's order (newest first).
        private static (ExperimentScope Scope, T Value)? First<T>(IReadOnlyList<(ExperimentScope Scope, T Value)> entries, string slug)
        {
            (ExperimentScope, T)? forAll = null;
            foreach (var entry in entries)
            {
                if (!entry.Scope.Covers(slug))
                {
                    continue;
                }
                if (entry.Scope.Slugs is not null)
                {
                    return entry;
                }
                forAll ??= entry;
            }
            return forAll;
        }
    }
}
