using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Data.Supporters;

namespace Support.Data.Keeping;

/// <summary>
/// One save offer shown to a supporter on the way to cancelling (issue 16): what was offered and what they chose.
/// Reports count offers shown, accepted, and cancellations after an offer.
/// </summary>
public sealed class SaveOffer
{
    public long Id { get; set; }
    public long ContributionId { get; set; }
    public Contribution Contribution { get; set; } = null!;
    public SaveOfferKind Kind { get; set; }
    /// <summary>The lower monthly amount suggested (minor units); 0 for a pause.</summary>
    public long SuggestedAmountCents { get; set; }
    public required string Currency { get; set; }
    public DateTime ShownAt { get; set; }
    public SaveOfferOutcome Outcome { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public enum SaveOfferKind
{
    LowerAmount,
    Pause,
}

public enum SaveOfferOutcome
{
    /// <summary>Shown; the supporter has not chosen yet (or left the page).</summary>
    Shown,
    Accepted,
    /// <summary>The supporter cancelled after seeing the offer.</summary>
    Cancelled,
}

internal sealed class SaveOfferConfiguration : IEntityTypeConfiguration<SaveOffer>
{
    public void Configure(EntityTypeBuilder<SaveOffer> builder)
    {
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.HasIndex(o => new { o.Currency, o.ShownAt, o.Outcome });
        builder.HasIndex(o => new { o.ContributionId, o.ShownAt });
        builder.HasOne(o => o.Contribution).WithMany().HasForeignKey(o => o.ContributionId);
    }
}
