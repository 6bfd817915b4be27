using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Data.Email;

namespace Support.Data.Supporters.Emails;

/// <summary>
/// One supporter email or sign-in link to send, keyed by what triggered it (kind + Stripe object, event or request).
/// The unique key stops a second row for the same trigger; its delivery state (<see cref="QueuedEmail"/>) is claimed
/// and recorded by the supporter email senders, so every row is sent at least once and, but for the one message in
/// flight at a crash, once.
/// </summary>
public sealed class EmailDispatch : QueuedEmail
{
    public EmailKind Kind { get; set; }
    /// <summary>The trigger: an invoice id, an event id, a subscription id with its cancellation time, or a request id.</summary>
    public required string Key { get; set; }
    /// <summary>Recipient; null once the supporter erased their account (nothing is sent then).</summary>
    public string? Email { get; set; }
    public string? StripeSubscriptionId { get; set; }
    public long AmountCents { get; set; }
    /// <summary>Empty for a sign-in link.</summary>
    public required string Currency { get; set; }
    /// <summary>Next payment date or end date the email mentions.</summary>
    public DateTime? EffectiveAt { get; set; }
    /// <summary>A link from Stripe the email carries (the invoice's hosted payment page), when it has one.</summary>
    public string? Link { get; set; }
    /// <summary>The gift's frequency, so the words fit it ("monthly", "annual", "one-time"); null for a sign-in link.</summary>
    public GiftFrequency? Frequency { get; set; }
    /// <summary>The payment reference a receipt names (the Stripe invoice number).</summary>
    public string? Reference { get; set; }
}

public enum EmailKind
{
    ThankYou,
    PaymentFailed,
    CancellationConfirmed,
    AmountChanged,
    /// <summary>A sign-in link asked for on /account; the token is made when it is sent, if a supporter has the address.</summary>
    SignInLink,
    /// <summary>
    /// The link that moves a reader's pending reminder to a date someone asked for on the signup form (finding 12): not
    /// a supporter email, but on their queue so it shares its protocol. <see cref="EmailDispatch.Key"/> names the
    /// reminder, its version and the article (<c>Support.Web.Reminders.ReminderChanges</c>), <see cref="EmailDispatch.EffectiveAt"/>
    /// the new date; the signed link is made when it is sent.
    /// </summary>
    ReminderChange,
    /// <summary>Stripe needs the supporter to authenticate a renewal (3-D Secure): the invoice's hosted payment page.</summary>
    PaymentActionRequired,
    /// <summary>Stripe gave up collecting and ended the subscription (<c>payment_failed</c>); carries a restart link.</summary>
    CouldNotCollect,
    /// <summary>A few days before a pause ends (keyed by subscription and <c>resumes_at</c>).</summary>
    PauseEnding,
    /// <summary>After every paid invoice, of every frequency: amount, date, frequency, reference, statement line.</summary>
    Receipt,
    /// <summary>Before an annual gift renews (Stripe's invoice.upcoming), with a link to manage it.</summary>
    RenewalNotice,
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
        builder.Property(d => d.Link).HasMaxLength(2048);
        builder.Property(d => d.Frequency).HasConversion<string>().HasMaxLength(8);
        builder.Property(d => d.Reference).HasMaxLength(255);
        builder.ConfigureDelivery();
    }
}
