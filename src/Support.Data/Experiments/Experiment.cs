using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Experiments;

/// <summary>
/// A prompt experiment: 2–4 variants shown to a scope (all articles, or chosen ones). Created running; stopped, or
/// stopped with a winner, whose copy then becomes the prompt of that scope.
/// </summary>
public sealed class Experiment
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public ExperimentStatus Status { get; set; }
    public ExperimentMode Mode { get; set; }
    /// <summary>The articles shown the experiment, sorted, comma-separated; null for all articles.</summary>
    public string? ArticleSlugs { get; set; }
    /// <summary>
    /// SHA-256 of the scope while running, null otherwise: its unique index lets the database refuse a second
    /// running experiment for the same scope, whichever instance starts it.
    /// </summary>
    public string? RunningScopeHash { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? StoppedAt { get; set; }
    public long? WinnerVariantId { get; set; }
    public List<ExperimentVariant> Variants { get; } = [];
}

public enum ExperimentStatus
{
    Running,
    Stopped,
}

public enum ExperimentMode
{
    /// <summary>New browsers split by the variants' weights for the whole experiment.</summary>
    Split,
    /// <summary>Epsilon-greedy on revenue per 1,000 views after a minimum sample (docs/experiments.md).</summary>
    Bandit,
}

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ArticleSlugs).HasMaxLength(4000);
        builder.Property(e => e.RunningScopeHash).HasMaxLength(64);
        // Unique among non-null values on every provider (EF adds the IS NOT NULL filter on SQL Server).
        builder.HasIndex(e => e.RunningScopeHash).IsUnique();
        builder.HasIndex(e => new { e.Status, e.StoppedAt });
        builder.HasMany(e => e.Variants).WithOne().HasForeignKey(v => v.ExperimentId);
    }
}
