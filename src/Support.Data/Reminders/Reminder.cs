using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Data.Email;

namespace Support.Data.Reminders;

/// <summary>
/// A reader's request to be emailed once, later. This row is the source of truth: its delivery state
/// (<see cref="QueuedEmail"/>) is claimed and recorded by the reminder senders.
/// </summary>
public sealed class Reminder : QueuedEmail
{
    /// <summary>Normalised (trimmed, lower-case).</summary>
    public required string Email { get; set; }
    /// <summary>Slug of the article whose prompt the reader saw; empty when they came from elsewhere.</summary>
    public string ArticleSlug { get; set; } = "";
    /// <summary>
    /// Random 32 bytes, base64url. Stored as is (unique) because the email is built when it is sent, long after
    /// signup; it only lets its holder cancel this one email, so a hash would protect little.
    /// </summary>
    public required string UnsubscribeToken { get; set; }
    /// <summary>
    /// Sent, and its email started a real contribution within 30 days after the send: kept up to date with every
    /// contribution change (ReminderConversions, ADR 0021) so reports count it instead of searching the gifts.
    /// </summary>
    public bool Converted { get; set; }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.ArticleSlug).HasMaxLength(200);
        builder.ConfigureDelivery();
        builder.Property(r => r.UnsubscribeToken).HasMaxLength(64);
        builder.HasIndex(r => r.UnsubscribeToken).IsUnique();
        // One pending reminder per email, decided by the database. The filter is raw SQL: the quoted identifier
        // reads the same in SQLite, SQL Server and PostgreSQL (which folds unquoted names to lower case); the
        // enum is stored as its name.
        builder.HasIndex(r => r.Email).IsUnique().HasFilter("\"Status\" = 'Pending'")
            .HasDatabaseName("IX_Reminders_Email_Pending");
        // Reports: the reminders signed up for in a range, by status, and whether a sent one led to a gift.
        builder.HasIndex(r => new { r.CreatedAt, r.Status, r.SentAt, r.Converted });
        // The sent reminders of one email, whose conversions a contribution change recomputes.
        builder.HasIndex(r => new { r.Email, r.Status, r.SentAt });
    }
}
