using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Reconciliation;

/// <summary>
/// One pass of reconciliation with Stripe: which events it read, how many it applied that webhooks had missed, and
/// what it found that it could not heal (docs/reports.md, "Reconciliation").
/// </summary>
public sealed class ReconciliationRun
{
    /// <summary>Longest error of a run, or detail of a finding, stored.</summary>
    public const int MaxTextLength = 500;

    public long Id { get; set; }
    /// <summary><c>command</c> (the <c>reconcile</c> command) or <c>schedule</c> (the recurring job).</summary>
    public required string Trigger { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Events created at or after this were read.</summary>
    public DateTime From { get; set; }
    /// <summary>Where the next run starts; null when the run failed before it finished reading.</summary>
    public DateTime? NextFrom { get; set; }
    /// <summary>The newest event of a handled type Stripe listed (for the "webhooks look broken" notice).</summary>
    public DateTime? NewestHandledEventAt { get; set; }
    public int EventsRead { get; set; }
    public int EventsApplied { get; set; }
    public int EventsFailed { get; set; }
    public int Differences { get; set; }
    /// <summary>Why the run stopped early (a Stripe or database error), for staff; no secrets.</summary>
    public string? Error { get; set; }
    public List<ReconciliationFinding> Findings { get; } = [];
}

/// <summary>One thing a run healed (an event applied) or could not heal (a difference from Stripe's records).</summary>
public sealed class ReconciliationFinding
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public FindingKind Kind { get; set; }
    /// <summary>The Stripe object or event the finding is about.</summary>
    public required string StripeId { get; set; }
    public required string Detail { get; set; }
}

public enum FindingKind
{
    /// <summary>An event no webhook had brought, applied through the one write path (healed).</summary>
    EventApplied,
    /// <summary>An event whose handler or write failed; the next run reads it again.</summary>
    EventFailed,
    /// <summary>Stripe has a subscription invoice the ledger does not.</summary>
    PaymentMissing,
    /// <summary>The ledger has the invoice with another status or amount than Stripe.</summary>
    PaymentDiffers,
    /// <summary>Stripe has a subscription the ledger does not.</summary>
    ContributionMissing,
    /// <summary>The ledger has the subscription with another status or amount than Stripe.</summary>
    ContributionDiffers,
}

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.Property(r => r.Trigger).HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(ReconciliationRun.MaxTextLength);
        // The last finished run, and the next run's starting point.
        builder.HasIndex(r => r.StartedAt);
        builder.HasMany(r => r.Findings).WithOne().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReconciliationFindingConfiguration : IEntityTypeConfiguration<ReconciliationFinding>
{
    public void Configure(EntityTypeBuilder<ReconciliationFinding> builder)
    {
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.StripeId).HasMaxLength(255);
        builder.Property(f => f.Detail).HasMaxLength(ReconciliationRun.MaxTextLength);
    }
}
