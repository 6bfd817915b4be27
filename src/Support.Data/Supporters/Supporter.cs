using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Supporters;

/// <summary>A reader who has given through Stripe, keyed by their Stripe customer.</summary>
public sealed class Supporter
{
    public long Id { get; set; }
    public required string StripeCustomerId { get; set; }
    /// <summary>Normalised (trimmed, lower-case); null until Stripe tells us.</summary>
    public string? Email { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// Set when the supporter deleted their account: the email is gone and Stripe's later events must not bring
    /// it back. The row stays so payment amounts still add up in the books.
    /// </summary>
    public DateTime? ErasedAt { get; set; }
    public List<Contribution> Contributions { get; } = [];
}

internal sealed class SupporterConfiguration : IEntityTypeConfiguration<Supporter>
{
    public void Configure(EntityTypeBuilder<Supporter> builder)
    {
        builder.Property(s => s.StripeCustomerId).HasMaxLength(255);
        builder.HasIndex(s => s.StripeCustomerId).IsUnique();
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.HasIndex(s => s.Email);
    }
}
