using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Reminders;

/// <summary>
/// A reader's request to be emailed once, later. This row is the source of truth: the dispatcher claims due rows
/// in batches (<see cref="ClaimToken"/>, <see cref="ClaimedAt"/>) and records each send here.
/// </summary>
public sealed class Reminder
{
    public long Id { get; set; }
    /// <summary>Normalised (trimmed, lower-case).</summary>
    public required string Email { get; set; }
    public DateTime DueAt { get; set; }
    /// <summary>Slug of the article whose prompt the reader saw; empty when they came from elsewhere.</summary>
    public string ArticleSlug { get; set; } = "";
    public ReminderStatus Status { get; set; }
    /// <summary>Why the reminder ended as it did (skipped, failed, cancelled): for staff, never shown to readers.</summary>
    public string? StatusReason { get; set; }
    /// <summary>
    /// Random 32 bytes, base64url. Stored as is (unique) because the email is built when it is sent, long after
    /// signup; it only lets its holder cancel this one email, so a hash would protect little.
    /// </summary>
    public required string UnsubscribeToken { get; set; }
    /// <summary>Which dispatch batch holds this row while it is <see cref="ReminderStatus.Sending"/>.</summary>
    public string? ClaimToken { get; set; }
    /// <summary>When the claim was taken or last renewed; a claim older than the lease belongs to a dead process.</summary>
    public DateTime? ClaimedAt { get; set; }
    /// <summary>Send attempts so far (claims), so transient SMTP failures give up after a bounded number.</summary>
    public int Attempts { get; set; }
    /// <summary>Set when a send was interrupted (its claim expired mid-send) and put back; a second interruption fails it.</summary>
    public DateTime? RecoveredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public enum ReminderStatus
{
    Pending,
    /// <summary>Claimed by a dispatch batch; the email is being handed to the SMTP server.</summary>
    Sending,
    Sent,
    /// <summary>The reader unsubscribed.</summary>
    Cancelled,
    /// <summary>Not sent because the reader became a supporter.</summary>
    Skipped,
    Failed,
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.ArticleSlug).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.StatusReason).HasMaxLength(500);
        builder.Property(r => r.UnsubscribeToken).HasMaxLength(64);
        builder.HasIndex(r => r.UnsubscribeToken).IsUnique();
        builder.Property(r => r.ClaimToken).HasMaxLength(32);
        // One pending reminder per email, decided by the database. The filter is raw SQL: the quoted identifier
        // reads the same in SQLite, SQL Server and PostgreSQL (which folds unquoted names to lower case); the
        // enum is stored as its name.
        builder.HasIndex(r => r.Email).IsUnique().HasFilter("\"Status\" = 'Pending'")
            .HasDatabaseName("IX_Reminders_Email_Pending");
        // The dispatcher claims pending reminders by due time and finds expired claims among the few Sending rows.
        builder.HasIndex(r => new { r.Status, r.DueAt });
        // Reports: the reminders signed up for in a range, by status, and whether a sent one led to a gift.
        builder.HasIndex(r => new { r.CreatedAt, r.Status, r.SentAt, r.Email });
    }
}
