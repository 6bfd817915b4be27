using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Stripe;

/// <summary>
/// A Stripe event that has been applied. The primary key on the event id makes the database, not a
/// check-then-insert, decide which of two concurrent deliveries of the same event wins.
/// </summary>
public sealed class ProcessedStripeEvent
{
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public DateTime ProcessedAt { get; set; }
    /// <summary>How the event reached us: the last webhook's time tells staff when webhooks look broken.</summary>
    public StripeEventSource Source { get; set; }
}

public enum StripeEventSource
{
    Webhook,
    /// <summary>Read from Stripe's event list by reconciliation, because no webhook had brought it.</summary>
    Reconciliation,
}

/// <summary>Stripe objects we create once and reuse, such as the product every monthly price belongs to.</summary>
public sealed class StripeObject
{
    public required string Key { get; set; }
    public required string StripeId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ProcessedStripeEventConfiguration : IEntityTypeConfiguration<ProcessedStripeEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedStripeEvent> builder)
    {
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        // The last webhook received (Source, ProcessedAt).
        builder.HasIndex(e => new { e.Source, e.ProcessedAt });
    }
}

internal sealed class StripeObjectConfiguration : IEntityTypeConfiguration<StripeObject>
{
    public void Configure(EntityTypeBuilder<StripeObject> builder)
    {
        builder.HasKey(e => e.Key);
        builder.Property(e => e.Key).HasMaxLength(100);
        builder.Property(e => e.StripeId).HasMaxLength(255);
    }
}
