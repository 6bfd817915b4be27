using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Email;

/// <summary>
/// The delivery state every outgoing email row carries (reminders, supporter emails, sign-in links), so one claim
/// protocol sends all of them: due rows are claimed in batches (<see cref="ClaimToken"/>, <see cref="ClaimedAt"/>, a
/// lease), sent, and each recorded here before the next. The row is the source of truth; nothing is queued elsewhere.
/// </summary>
public abstract class QueuedEmail
{
    /// <summary>Longest <see cref="StatusReason"/> stored; longer reasons (an SMTP error text) are cut.</summary>
    public const int MaxReasonLength = 500;

    public long Id { get; set; }
    public EmailStatus Status { get; set; }
    /// <summary>Why the email ended as it did (skipped, failed, retried): for staff, never shown to readers.</summary>
    public string? StatusReason { get; set; }
    /// <summary>Not sent before this time (a reminder's date, a retry after a temporary failure, or at once).</summary>
    public DateTime DueAt { get; set; }
    /// <summary>Which sender's batch holds this row while it is <see cref="EmailStatus.Sending"/>.</summary>
    public string? ClaimToken { get; set; }
    /// <summary>When the claim was taken or last renewed; a claim older than its lease belongs to a dead process.</summary>
    public DateTime? ClaimedAt { get; set; }
    /// <summary>Send attempts so far (claims), so temporary SMTP failures give up after a bounded number.</summary>
    public int Attempts { get; set; }
    /// <summary>Set when a send was interrupted (its claim expired mid-send) and put back; a second interruption fails it.</summary>
    public DateTime? RecoveredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public enum EmailStatus
{
    Pending,
    /// <summary>Claimed by a sender's batch; the email is being handed to the SMTP server.</summary>
    Sending,
    Sent,
    /// <summary>The reader unsubscribed (reminders).</summary>
    Cancelled,
    /// <summary>Not sent: the reader became a supporter, erased their account, or is no supporter (sign-in links).</summary>
    Skipped,
    Failed,
}

public static class QueuedEmailConfiguration
{
    /// <summary>The delivery columns, and the index senders claim by (due pending rows) and recover from (the few Sending).</summary>
    public static void ConfigureDelivery<T>(this EntityTypeBuilder<T> builder) where T : QueuedEmail
    {
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.StatusReason).HasMaxLength(QueuedEmail.MaxReasonLength);
        builder.Property(e => e.ClaimToken).HasMaxLength(32);
        builder.HasIndex(e => new { e.Status, e.DueAt });
    }
}
