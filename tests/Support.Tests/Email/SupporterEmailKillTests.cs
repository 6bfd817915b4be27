using System.Diagnostics;
using Support.Data.Supporters.Emails;
using Microsoft.EntityFrameworkCore;
using Support.Data.Email;
using Support.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Support.Tests.Email;

/// <summary>
/// At least once, proven with a real crash: the service runs as its own process (<c>dotnet Support.Web.dll</c>), is
/// killed with SIGKILL in the middle of a burst of supporter emails, and started again on the same database.
/// </summary>
public sealed class SupporterEmailKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Burst = 300;
    private const int Senders = 2;

    private readonly TestSmtpServer _smtp = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "support-tests", Guid.NewGuid().ToString("N"));

    private IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Smtp:Host", "127.0.0.1"),
        new("Smtp:Port", _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Smtp:UseStartTls", "false"),
        new("Smtp:From", "Support Test <support@support.test>"),
        new("Site:PublicBaseUrl", "http://support.test"),
        new("SupporterEmails:DispatchConnections", Senders.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("SupporterEmails:DispatchPollInterval", "00:00:00.200"),
        // With a server database a restarted process cannot tell a dead claim from another instance's: the lease decides.
        new("SupporterEmails:ClaimLease", "00:00:05"),
    ];

    [Fact]
    public async Task A_burst_of_supporter_emails_killed_mid_way_is_all_delivered_after_the_restart_with_at_most_one_resend_per_sender()
    {
        Directory.CreateDirectory(_data);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var emails = Enumerable.Range(0, Burst).Select(i => $"kill-{i:D3}-{tag}@example.org").ToList();

        using (var first = await ServiceProcess.StartAsync(_data, Settings))
        {
            await using (var db = ServiceProcess.OpenDatabase(_data))
            {
                var now = DateTime.UtcNow;
                // As the webhooks of a renewal day would have committed them.
                db.EmailDispatches.AddRange(emails.Select(e => new EmailDispatch
                {
                    Kind = EmailKind.ThankYou, Key = "in_" + e, Email = e, AmountCents = 500, Currency = "usd",
                    Status = EmailStatus.Pending, DueAt = now, CreatedAt = now, UpdatedAt = now,
                }));
                await db.SaveChangesAsync();
            }
            await WaitUntilAsync(() => Task.FromResult(_smtp.AcceptedCount >= Burst / 4), "a quarter of the burst sent");
            first.Kill();
        }
        var atKill = _smtp.AcceptedCount;
        var restart = Stopwatch.StartNew();

        using var second = await ServiceProcess.StartAsync(_data, Settings);
        var started = restart.Elapsed;
        await WaitUntilAsync(() => CountAsync(EmailStatus.Sent).ContinueWith(t => t.Result == Burst), "every email recorded as sent");

        var received = emails.ToDictionary(e => e, e => _smtp.For(e).Count);
        await using var check = ServiceProcess.OpenDatabase(_data);
        var retried = await check.EmailDispatches.Where(d => d.RecoveredAt != null).Select(d => d.Email!).ToListAsync();
        output.WriteLine($"{atKill} of {Burst} sent at the kill; restarted in {started.TotalSeconds:0.0} s; all sent {restart.Elapsed.TotalSeconds:0.0} s after the kill; " +
            $"{received.Count(r => r.Value == 2)} sent twice; {retried.Count} retried as possibly in flight");
        Assert.InRange(atKill, Burst / 4, Burst - 1);
        Assert.All(received, r => Assert.InRange(r.Value, 1, 2));
        var twice = received.Where(r => r.Value == 2).Select(r => r.Key).ToList();
        Assert.InRange(twice.Count, 0, Senders);
        // Only an email whose claim died while it was in flight may go twice, and it is marked as retried.
        Assert.All(twice, e => Assert.Contains(e, retried));
        Assert.InRange(retried.Count, 0, Senders);
    }

    private async Task<int> CountAsync(EmailStatus status)
    {
        await using var db = ServiceProcess.OpenDatabase(_data);
        return await db.EmailDispatches.CountAsync(d => d.Status == status);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, what, TimeSpan.FromSeconds(120));

    public void Dispose()
    {
        _smtp.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDatabase.Drop(_data);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS with the temp folder.
        }
    }
}
