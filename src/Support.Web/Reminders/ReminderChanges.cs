using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Data.Reminders;
using Support.Web.Email.Outbox;

namespace Support.Web.Reminders;

/// <summary>A requested new date for a pending reminder, as carried by the signed link in the confirmation email.</summary>
public sealed record ReminderChange(long ReminderId, long VersionTicks, DateTimeOffset DueAt, string ArticleSlug, DateTimeOffset ExpiresAt);

/// <summary>
/// Moving a pending reminder needs its owner's click: a signup for an address that already has one only writes an
/// email row (kind <see cref="EmailKind.ReminderChange"/>, sent by the supporter email senders like any other, ADR
/// 0008) naming the reminder, the version it was asked against and the new date. The link in it is signed (Data
/// Protection) when it is sent, works once (the version changes when it is used) and for three days.
/// </summary>
public sealed class ReminderChanges : IDisposable
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);
    private readonly IDataProtector _protector;
    private readonly EmailWakeup<EmailDispatch> _wakeup;
    private readonly TimeProvider _time;
    // Bounds the mail a stranger can make one address receive by signing it up again and again.
    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));

    public ReminderChanges(IDataProtectionProvider dataProtection, EmailWakeup<EmailDispatch> wakeup, TimeProvider time)
    {
        _protector = dataProtection.CreateProtector("Support.Reminders.Change.v1");
        _wakeup = wakeup;
        _time = time;
    }

    /// <summary>Queues the email to the owner of <paramref name="reminder"/> with a link that moves it; nothing changes until it is pressed.</summary>
    public async Task AskAsync(SupportDbContext db, Reminder reminder, DateTimeOffset dueAt, string articleSlug, CancellationToken ct)
    {
        using var lease = _perAddress.AttemptAcquire(reminder.Email);
        if (!lease.IsAcquired)
        {
            return;
        }
        var now = _time.GetUtcNow().UtcDateTime;
        db.EmailDispatches.Add(new EmailDispatch
        {
            Kind = EmailKind.ReminderChange,
            // The request (a fresh id each time) and what it asks: at most 20 + 19 + 32 + 200 characters and three bars.
            Key = string.Join('|', reminder.Id, reminder.UpdatedAt.Ticks, Guid.NewGuid().ToString("N"), articleSlug),
            Email = reminder.Email,
            Currency = "",
            EffectiveAt = dueAt.UtcDateTime,
            Status = EmailStatus.Pending,
            DueAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        _wakeup.Notify();
    }

    /// <summary>The change a queued email asks for, with a link lifetime starting now (when it is sent); null if the row is not one.</summary>
    public ReminderChange? Requested(EmailDispatch row)
    {
        var parts = row.Key.Split('|', 4);
        if (row.Kind != EmailKind.ReminderChange || row.EffectiveAt is not { } dueAt || parts.Length != 4
            || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }
        return new ReminderChange(id, version, new DateTimeOffset(DateTime.SpecifyKind(dueAt, DateTimeKind.Utc)), parts[3],
            _time.GetUtcNow() + LinkLifetime);
    }

    /// <summary>The signed token of the link in the email (made when the email is sent).</summary>
    public string Protect(ReminderChange change) =>
        _protector.Protect(string.Join('|', change.ReminderId, change.VersionTicks, change.DueAt.ToUnixTimeSeconds(),
            change.ExpiresAt.ToUnixTimeSeconds(), change.ArticleSlug));

    /// <summary>The change a link asks for, or null when the link is not ours or has expired.</summary>
    public ReminderChange? Read(string token)
    {
        string payload;
        try
        {
            payload = token.Length > 1000 ? "" : _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|', 5);
        if (parts.Length != 5 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var version)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var due)
            || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }
        var change = new ReminderChange(id, version, DateTimeOffset.FromUnixTimeSeconds(due), parts[4], DateTimeOffset.FromUnixTimeSeconds(expires));
        return change.ExpiresAt > _time.GetUtcNow() ? change : null;
    }

    /// <summary>Moves the reminder if it is still pending and unchanged since the link was sent; false otherwise.</summary>
    public async Task<bool> ApplyAsync(SupportDbContext db, ReminderChange change, CancellationToken ct)
    {
        var version = new DateTime(change.VersionTicks, DateTimeKind.Utc);
        var now = _time.GetUtcNow().UtcDateTime;
        var moved = await db.Reminders
            .Where(r => r.Id == change.ReminderId && r.Status == EmailStatus.Pending && r.UpdatedAt == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.DueAt, change.DueAt.UtcDateTime)
                .SetProperty(r => r.ArticleSlug, change.ArticleSlug)
                .SetProperty(r => r.Attempts, 0)
                .SetProperty(r => r.UpdatedAt, now), ct);
        return moved == 1;
    }

    public void Dispose() => _perAddress.Dispose();
}
