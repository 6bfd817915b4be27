using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Experiments;

/// <summary>
/// One variant of an experiment: what it changes of the publisher's prompt (null: unchanged) and its counters,
/// added from memory by periodic flushes (never one write per view). Gifts are credited through
/// <c>Contribution.ExperimentVariantId</c>.
/// </summary>
public sealed class ExperimentVariant
{
    public long Id { get; set; }
    public long ExperimentId { get; set; }
    /// <summary>0 for the first (the control, "A"), then 1, 2, 3.</summary>
    public int Position { get; set; }
    public required string Name { get; set; }
    public int Weight { get; set; }
    public string? Heading { get; set; }
    /// <summary>The appeal's paragraphs, one per line.</summary>
    public string? Paragraphs { get; set; }
    /// <summary>Preset amounts in minor units, comma-separated.</summary>
    public string? PresetAmountsCents { get; set; }
    public long? DefaultAmountCents { get; set; }
    /// <summary>"once", "month" or "year" once the prompt offers frequencies.</summary>
    public string? DefaultFrequency { get; set; }
    /// <summary>"Banner" or "Inline".</summary>
    public string? Placement { get; set; }
    public string? ButtonText { get; set; }
    public long Views { get; set; }
    public long Dismissals { get; set; }
    public long Reminders { get; set; }
    public long CheckoutStarts { get; set; }
}

internal sealed class ExperimentVariantConfiguration : IEntityTypeConfiguration<ExperimentVariant>
{
    public void Configure(EntityTypeBuilder<ExperimentVariant> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Heading).HasMaxLength(200);
        builder.Property(v => v.Paragraphs).HasMaxLength(4000);
        builder.Property(v => v.PresetAmountsCents).HasMaxLength(200);
        builder.Property(v => v.DefaultFrequency).HasMaxLength(16);
        builder.Property(v => v.Placement).HasMaxLength(16);
        builder.Property(v => v.ButtonText).HasMaxLength(100);
        builder.HasIndex(v => new { v.ExperimentId, v.Position }).IsUnique();
    }
}
