using System.ComponentModel.DataAnnotations;

namespace Support.Web.Experiments;

public sealed class ExperimentOptions
{
    public const string Section = "Experiments";

    /// <summary>
    /// How often each instance adds its in-memory variant counts to the database and reloads the running experiments
    /// (so one started on another instance reaches this one within this time). Also at shutdown.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bandit mode: views every variant needs before traffic follows revenue per 1,000 views.</summary>
    [Range(1, 10_000_000)]
    public long BanditMinimumViews { get; set; } = 1000;

    /// <summary>Bandit mode: the share of new browsers still split evenly across all variants (epsilon).</summary>
    [Range(0.01, 1.0)]
    public double BanditExploreShare { get; set; } = 0.2;
}
