using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Account;

/// <summary>
/// One supporter email to send, keyed by what triggered it (kind + Stripe object or event). The unique key
/// stops a second row for the same trigger; the job claims the row (Pending → Sending) before sending, so a
/// retried or duplicated job sends once.
/// </summary>
public sealed class EmailDispatch
{
    public long Id { get; set; }
    public EmailKind Kind { get; set; }
    /// <summary>The trigger: an invoice id, an event id, or a subscription id with its cancellation time.</summary>
    public required string Key { get; set; }
    /// <summary>Recipient; null once the supporter erased their account (nothing is sent then).</summary>
    public string? Email { get; set; }
    public string? StripeSubscriptionId { get; set; }
    public long AmountCents { get; set; }
    public required string Currency { get; set; }
    /// <summary>Next payment date or end date the email mentions.</summary>
    public DateTime? EffectiveAt { get; set; }
    public EmailDispatchStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public enum EmailKind
{
    ThankYou,
    PaymentFailed,
    CancellationConfirmed,
    AmountChanged,
}

public enum EmailDispatchStatus
{
    Pending,
    Sending,
    Sent,
    Failed,
    /// <summary>Not sent: the supporter erased their account first.</summary>
    Skipped,
}

internal sealed class EmailDispatchConfiguration : IEntityTypeConfiguration<EmailDispatch>
{
    public void Configure(EntityTypeBuilder<EmailDispatch> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Key).HasMaxLength(300);
        builder.HasIndex(d => new { d.Kind, d.Key }).IsUnique();
        builder.Property(d => d.Email).HasMaxLength(320);
        builder.HasIndex(d => d.Email);
        builder.Property(d => d.StripeSubscriptionId).HasMaxLength(255);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(500);
    }
}
