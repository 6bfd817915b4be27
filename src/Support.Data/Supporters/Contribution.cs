using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Supporters;

/// <summary>
/// A gift: one Stripe subscription (monthly or annual; its state mirrors Stripe's latest view of it), or one
/// payment without a subscription (a one-time gift, keyed by its payment intent, <see cref="ContributionStatus.Completed"/>).
/// </summary>
public sealed class Contribution
{
    /// <summary>Longest cancellation reason stored.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Longest unknown Stripe status word kept (<see cref="StripeStatus"/>).</summary>
    public const int MaxStripeStatusLength = 64;

    public long Id { get; set; }
    public long SupporterId { get; set; }
    public Supporter Supporter { get; set; } = null!;
    /// <summary>Null for a one-time gift.</summary>
    public string? StripeSubscriptionId { get; set; }
    /// <summary>The payment intent of a one-time gift (its natural key); null for subscriptions.</summary>
    public string? StripePaymentIntentId { get; set; }
    public GiftFrequency Frequency { get; set; }
    /// <summary>Amount per period (month, year) or of the one payment, in minor units (cents).</summary>
    public long AmountCents { get; set; }
    /// <summary>ISO 4217 code, lower-case as Stripe writes it.</summary>
    public required string Currency { get; set; }
    public ContributionStatus Status { get; set; }
    /// <summary>Stripe's status word when Support does not know it (<see cref="Status"/> is then Unknown); null otherwise.</summary>
    public string? StripeStatus { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public bool CancelAtPeriodEnd { get; set; }
    public DateTime? CurrentPeriodEnd { get; set; }
    /// <summary>Slug of the article whose prompt led to the gift, when known.</summary>
    public string? ArticleSlug { get; set; }
    /// <summary>The experiment variant of the prompt that led to the gift (Checkout Session metadata), when any.</summary>
    public long? ExperimentVariantId { get; set; }
    /// <summary>When the supporter asked (on their account page) to stop at the period end; cleared on resume.</summary>
    public DateTime? CancelRequestedAt { get; set; }
    /// <summary>The supporter's optional reason for stopping, kept for staff reports.</summary>
    public string? CancellationReason { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Stripe's <c>pause_collection</c> is set: renewals make void invoices and charge nothing (issue 16).</summary>
    public bool Paused { get; set; }
    /// <summary><c>pause_collection.resumes_at</c>: when billing starts again by itself; null while not paused or paused open-ended.</summary>
    public DateTime? PauseResumesAt { get; set; }
    /// <summary>Why Stripe ended the subscription (<c>cancellation_details.reason</c>); null while it runs.</summary>
    public ContributionEndReason? EndReason { get; set; }
    public List<Payment> Payments { get; } = [];

    public bool IsLive => ContributionRules.IsLive(Status);
}

/// <summary>
/// The one definition of a live contribution (one that will be billed again: active, past due while Stripe still
/// retries, or trialing) and of a real one (the checkout completed), for objects and for database queries alike.
/// </summary>
public static class ContributionRules
{
    public static bool IsLive(ContributionStatus status) =>
        status is ContributionStatus.Active or ContributionStatus.PastDue or ContributionStatus.Trialing;

    /// <summary><see cref="IsLive"/> as a query filter (EF translates it to the same three comparisons).</summary>
    public static readonly Expression<Func<Contribution, bool>> Live = c =>
        c.Status == ContributionStatus.Active || c.Status == ContributionStatus.PastDue || c.Status == ContributionStatus.Trialing;

    /// <summary><see cref="Real"/> for one status (the month totals' deltas).</summary>
    public static bool IsReal(ContributionStatus status) =>
        status is not (ContributionStatus.Incomplete or ContributionStatus.IncompleteExpired);

    /// <summary>Contributions that ever became real: checkouts that never completed are not supporters.</summary>
    public static readonly Expression<Func<Contribution, bool>> Real = c =>
        c.Status != ContributionStatus.Incomplete && c.Status != ContributionStatus.IncompleteExpired;
}

/// <summary>Stripe's subscription statuses, and <see cref="Completed"/> for a one-time gift.</summary>
public enum ContributionStatus
{
    Incomplete,
    IncompleteExpired,
    Trialing,
    Active,
    PastDue,
    Unpaid,
    Paused,
    Canceled,
    /// <summary>A status Stripe added that Support does not know: logged, and the word kept in <see cref="Contribution.StripeStatus"/>.</summary>
    Unknown,
    /// <summary>A one-time gift, paid: nothing more to bill (not a Stripe subscription status).</summary>
    Completed,
}

/// <summary>Stripe's <c>cancellation_details.reason</c>: the supporter (or staff) cancelled, or Stripe gave up collecting.</summary>
public enum ContributionEndReason
{
    CancellationRequested,
    PaymentFailed,
    PaymentDisputed,
}

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> builder)
    {
        builder.Property(c => c.StripeSubscriptionId).HasMaxLength(255);
        builder.HasIndex(c => c.StripeSubscriptionId).IsUnique();
        builder.Property(c => c.StripePaymentIntentId).HasMaxLength(255);
        builder.HasIndex(c => c.StripePaymentIntentId).IsUnique();
        builder.Property(c => c.Frequency).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.StripeStatus).HasMaxLength(Contribution.MaxStripeStatusLength);
        builder.Property(c => c.ArticleSlug).HasMaxLength(200);
        builder.Property(c => c.CancellationReason).HasMaxLength(Contribution.MaxReasonLength);
        builder.Property(c => c.EndReason).HasConversion<string>().HasMaxLength(32);
        // Reports read these indexes alone, without the table. Each leads with the columns its query compares for
        // equality, then its range, so the planner picks it whatever its statistics say (docs/reports.md, "Speed"):
        // live contributions (MRR with annual twelfths and paused gifts left out, supporters, monthly amounts), new
        // supporters per month, supporters per article, endings per month (with how they ended and, for MRR at month
        // end, whether monthly), cancellations asked for in a range, a reminded email's gifts (which also serves the
        // supporter foreign key), and annual gifts in force at each month's end without reading the monthly ones.
        builder.HasIndex(c => new { c.Status, c.Currency, c.Frequency, c.AmountCents, c.SupporterId, c.CancelAtPeriodEnd, c.Paused });
        builder.HasIndex(c => new { c.Currency, c.StartedAt, c.Status });
        builder.HasIndex(c => new { c.StartedAt, c.Status, c.ArticleSlug });
        builder.HasIndex(c => new { c.Currency, c.CancelledAt, c.Status, c.Frequency, c.EndReason });
        builder.HasIndex(c => new { c.Currency, c.CancelRequestedAt, c.CancellationReason });
        builder.HasIndex(c => new { c.SupporterId, c.StartedAt, c.Status });
        builder.HasIndex(c => new { c.Frequency, c.Currency, c.StartedAt });
        builder.HasIndex(c => c.ExperimentVariantId);
        builder.HasOne(c => c.Supporter).WithMany(s => s.Contributions).HasForeignKey(c => c.SupporterId);
    }
}
