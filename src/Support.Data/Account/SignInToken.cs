using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Account;

/// <summary>
/// A single-use sign-in link. Only the SHA-256 hash of the token is stored, so a copy of the database cannot be
/// used to sign in; the link itself exists only in the email.
/// </summary>
public sealed class SignInToken
{
    public long Id { get; set; }
    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public required string TokenHash { get; set; }
    /// <summary>Normalised email the link signs in as (a supporter may have several Stripe customers).</summary>
    public required string Email { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>Set by the one conditional update that consumes the link.</summary>
    public DateTime? UsedAt { get; set; }
    /// <summary>What the link does once used: sign in only, or sign in and open the card update or a restart.</summary>
    public LinkPurpose Purpose { get; set; }
    /// <summary>The contribution a card-update or restart link is for.</summary>
    public string? StripeSubscriptionId { get; set; }
}

public enum LinkPurpose
{
    SignIn,
    /// <summary>From a payment-failed email: signs in, then Stripe's billing portal payment method update.</summary>
    CardUpdate,
    /// <summary>From a could-not-collect email: signs in, then a new Checkout for the same amount.</summary>
    Restart,
}

internal sealed class SignInTokenConfiguration : IEntityTypeConfiguration<SignInToken>
{
    public void Configure(EntityTypeBuilder<SignInToken> builder)
    {
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Email).HasMaxLength(320);
        builder.HasIndex(t => t.Email);
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.StripeSubscriptionId).HasMaxLength(255);
    }
}
