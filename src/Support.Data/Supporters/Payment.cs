using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Supporters;

/// <summary>One Stripe invoice of a contribution: what was asked, whether it was paid, and what was refunded.</summary>
public sealed class Payment
{
    public long Id { get; set; }
    public long ContributionId { get; set; }
    public Contribution Contribution { get; set; } = null!;
    public required string StripeInvoiceId { get; set; }
    public string? StripePaymentIntentId { get; set; }
    /// <summary>The invoice's number (the payment reference on receipts and the yearly statement), when Stripe gave one.</summary>
    public string? InvoiceNumber { get; set; }
    /// <summary>Amount in minor units (cents): paid if paid, otherwise due.</summary>
    public long AmountCents { get; set; }
    public required string Currency { get; set; }
    public PaymentStatus Status { get; set; }
    public DateTime? PaidAt { get; set; }
    /// <summary>First failed attempt; kept after a later success so reports can count recovered payments.</summary>
    public DateTime? FirstFailedAt { get; set; }
    public long RefundedCents { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The cardholder's bank disputed the charge (one dispute per charge at Stripe).</summary>
    public DisputeStatus DisputeStatus { get; set; }
    public string? StripeDisputeId { get; set; }
    public DateTime? DisputedAt { get; set; }
    /// <summary>The amount the bank disputed.</summary>
    public long DisputedCents { get; set; }
    /// <summary>Stripe's dispute fee, kept by Stripe whatever the outcome.</summary>
    public long DisputeFeeCents { get; set; }
    /// <summary>What the dispute costs: the fee, plus the disputed amount once lost. Revenue counts it against the payment.</summary>
    public long DisputeLossCents { get; set; }
}

public enum DisputeStatus
{
    None,
    /// <summary>Needs a response or under review: the money is withdrawn until the bank decides.</summary>
    Open,
    Won,
    Lost,
}

public enum PaymentStatus
{
    /// <summary>Known only from a refund so far; the invoice event has not arrived yet.</summary>
    Pending,
    Failed,
    Paid,
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.StripeInvoiceId).HasMaxLength(255);
        builder.HasIndex(p => p.StripeInvoiceId).IsUnique();
        builder.Property(p => p.StripePaymentIntentId).HasMaxLength(255);
        builder.Property(p => p.InvoiceNumber).HasMaxLength(255);
        builder.HasIndex(p => p.StripePaymentIntentId);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.DisputeStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.StripeDisputeId).HasMaxLength(255);
        // Open disputes for staff.
        builder.HasIndex(p => new { p.DisputeStatus, p.DisputedAt });
        builder.HasIndex(p => new { p.Status, p.PaidAt });
        // Reports: covering indexes for revenue per month and invoices issued per month (MRR), and failures.
        builder.HasIndex(p => new { p.Currency, p.Status, p.PaidAt, p.AmountCents, p.RefundedCents, p.DisputeLossCents });
        builder.HasIndex(p => new { p.Currency, p.CreatedAt, p.AmountCents });
        builder.HasIndex(p => new { p.Currency, p.FirstFailedAt, p.Status });
        // A contribution's payments (the foreign key), with what the month-end MRR needs of them.
        builder.HasIndex(p => new { p.ContributionId, p.CreatedAt, p.AmountCents });
        builder.HasOne(p => p.Contribution).WithMany(c => c.Payments).HasForeignKey(p => p.ContributionId);
    }
}
