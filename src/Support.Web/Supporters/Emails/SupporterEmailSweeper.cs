using Hangfire;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Account;

namespace Support.Web.Supporters.Emails;

/// <summary>
/// The outbox's safety net. A webhook commits its email row and enqueues the job right after; if the process
/// dies in between, or Hangfire's storage is lost, the row stays Pending with no job. The sweep gives such rows
/// a job (the job's claim makes an extra one harmless) and gives up on rows that failed too often.
/// A row left in Sending by a crash mid-send is not retried: the email may have gone out (at most once).
/// </summary>
public sealed class SupporterEmailSweeper(
    SupportDbContext db,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<SupporterEmailSweeper> logger)
{
    public const string RecurringJobId = "supporter-emails-sweep";

    /// <summary>The job itself retries five times; one more chance from the sweep, then the row is failed.</summary>
    public const int MaxAttempts = 6;

    /// <summary>Rows younger than this are still in the webhook's own hands.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task RunAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime - Grace;
        var exhausted = await db.EmailDispatches
            .Where(d => d.Status == EmailDispatchStatus.Pending && d.Attempts >= MaxAttempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, EmailDispatchStatus.Failed)
                .SetProperty(d => d.LastError, d => "Gave up after repeated delivery failures: " + d.LastError), ct);

        var orphans = await db.EmailDispatches.AsNoTracking()
            .Where(d => d.Status == EmailDispatchStatus.Pending && d.CreatedAt < before)
            .OrderBy(d => d.Id).Select(d => d.Id).Take(1000).ToListAsync(ct);
        foreach (var id in orphans)
        {
            jobs.Enqueue<SupporterEmailJob>(j => j.SendAsync(id, CancellationToken.None));
        }
        if (orphans.Count > 0 || exhausted > 0)
        {
            logger.LogWarning("Email sweep: {Orphans} pending email(s) given a job, {Exhausted} given up", orphans.Count, exhausted);
        }
    }
}
