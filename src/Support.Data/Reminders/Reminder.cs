using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Reminders;

/// <summary>
/// A reader's request to be emailed once, later. This row is the source of truth; Hangfire only executes it,
/// so a lost or duplicated job never loses or doubles a reminder.
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
    public string? HangfireJobId { get; set; }
    /// <summary>Send attempts so far (claims), so transient SMTP failures give up after a bounded number.</summary>
    public int Attempts { get; set; }
    /// <summary>Set when a send was interrupted (stuck in Sending) and put back; a second interruption fails it.</summary>
    public DateTime? RecoveredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public enum ReminderStatus
{
    Pending,
    /// <summary>Claimed by a job; the email is being handed to the SMTP server.</summary>
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
        builder.Property(r => r.HangfireJobId).HasMaxLength(100);
        // One pending reminder per email, decided by the database. The unquoted filter is valid SQL for both
        // SQLite and SQL Server (Status is not a reserved word in either); the enum is stored as its name.
        builder.HasIndex(r => r.Email).IsUnique().HasFilter("Status = 'Pending'")
            .HasDatabaseName("IX_Reminders_Email_Pending");
        // Reconcile scans pending reminders by due time.
        builder.HasIndex(r => new { r.Status, r.DueAt });
        // Reports: the reminders signed up for in a range, by status, and whether a sent one led to a gift.
        builder.HasIndex(r => new { r.CreatedAt, r.Status, r.SentAt, r.Email });
    }
}
