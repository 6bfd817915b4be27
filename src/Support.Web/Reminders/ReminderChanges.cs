using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Reminders;

namespace Support.Web.Reminders;

/// <summary>A requested new date for a pending reminder, as carried by the signed link in the confirmation email.</summary>
public sealed record ReminderChange(long ReminderId, long VersionTicks, DateTimeOffset DueAt, string ArticleSlug, DateTimeOffset ExpiresAt);

/// <summary>
/// Moving a pending reminder needs its owner's click: a signup for an address that already has one only emails
/// that address a signed link (Data Protection) naming the reminder, the version it was asked against and the
/// new date. The link works once (the version changes when it is used) and for three days.
/// </summary>
public sealed class ReminderChanges : IDisposable
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);
    private readonly IDataProtector _protector;
    private readonly IBackgroundJobClient _jobs;
    private readonly TimeProvider _time;
    // Bounds the mail a stranger can make one address receive by signing it up again and again.
    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));

    public ReminderChanges(IDataProtectionProvider dataProtection, IBackgroundJobClient jobs, TimeProvider time)
    {
        _protector = dataProtection.CreateProtector("Support.Reminders.Change.v1");
        _jobs = jobs;
        _time = time;
    }

    /// <summary>Emails the owner of <paramref name="reminder"/> a link that moves it; nothing changes until it is pressed.</summary>
    public void Ask(Reminder reminder, DateTimeOffset dueAt, string articleSlug)
    {
        using var lease = _perAddress.AttemptAcquire(reminder.Email);
        if (!lease.IsAcquired)
        {
            return;
        }
        var change = new ReminderChange(reminder.Id, reminder.UpdatedAt.Ticks, dueAt, articleSlug, _time.GetUtcNow() + LinkLifetime);
        var token = _protector.Protect(string.Join('|', change.ReminderId, change.VersionTicks, change.DueAt.ToUnixTimeSeconds(),
            change.ExpiresAt.ToUnixTimeSeconds(), change.ArticleSlug));
        _jobs.Enqueue<ReminderChangeJob>(j => j.SendAsync(reminder.Id, change.DueAt, token, CancellationToken.None));
    }

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
