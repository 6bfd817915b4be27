using Hangfire;
using Support.Web.Prompt;
using Support.Data.Supporters.Emails;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Email;
using Support.Tests.Infrastructure;
using Support.Tests.Reminders;
using Support.Web.Jobs;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests;

/// <summary>
/// Two instances of the service on one PostgreSQL database, each with its own senders, SMTP server and in-memory
/// prompt counts, sharing Hangfire's storage in the database: every email goes out once, every count is added once.
/// </summary>
public sealed class SeveralInstancesTests : IDisposable
{
    private readonly ReminderAppFactory _first = new() { ExtraSettings = SharedJobStorage };
    private readonly ReminderAppFactory _second;

    public SeveralInstancesTests()
    {
        _second = new ReminderAppFactory { SharedDataDirectory = _first.DataDirectory, ExtraSettings = SharedJobStorage };
        _first.StartServer();
        _second.StartServer();
    }

    /// <summary>Small batches, so the instances claim many times over and race for the same rows.</summary>
    private static readonly KeyValuePair<string, string?>[] SharedJobStorage =
    [
        new("Hangfire:Storage", "Database"),
        new("Reminders:DispatchBatchSize", "5"),
        new("SupporterEmails:DispatchBatchSize", "5"),
    ];

    [Fact]
    public async Task Reminders_due_at_once_are_each_sent_once_by_one_of_the_two_instances()
    {
        var emails = Enumerable.Range(0, 60).Select(_ => NewEmail()).ToList();

        await _first.InsertDueRemindersAsync(emails);

        await _first.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.All(emails, email => Assert.Single(Received(email)));
        Assert.True(emails.Any(e => _first.Smtp.For(e).Count > 0) && emails.Any(e => _second.Smtp.For(e).Count > 0),
            "Both instances should have taken a share.");
    }

    [Fact]
    public async Task Supporter_emails_are_each_sent_once_and_a_dead_instances_claim_is_taken_over()
    {
        var fresh = Enumerable.Range(0, 40).Select(_ => NewEmail("fresh")).ToList();
        var orphaned = Enumerable.Range(0, 5).Select(_ => NewEmail("orphaned")).ToList();
        var now = DateTime.UtcNow;
        await _first.QueryAsync(async db =>
        {
            db.EmailDispatches.AddRange(fresh.Select(e => Dispatch(e, now)));
            // Held by a process that died ten minutes ago, far past the lease.
            db.EmailDispatches.AddRange(orphaned.Select(e => Dispatch(e, now, "claim-of-a-dead-instance", now.AddMinutes(-10))));
            return await db.SaveChangesAsync();
        });

        var all = fresh.Concat(orphaned).ToList();
        await WaitUntilAsync(() => _first.QueryAsync(db => db.EmailDispatches.CountAsync(d => all.Contains(d.Email!) && d.Status == EmailStatus.Sent)),
            all.Count);
        Assert.All(all, email => Assert.Single(Received(email)));
        var recovered = await _first.QueryAsync(db => db.EmailDispatches.Where(d => orphaned.Contains(d.Email!) && d.RecoveredAt != null).CountAsync());
        Assert.Equal(1, recovered);
    }

    [Fact]
    public async Task Prompt_counts_flushed_by_both_instances_for_the_same_article_and_day_add_up()
    {
        var flushers = new[] { _first, _second }.Select(a => a.Services.GetRequiredService<PromptStatsFlusher>()).ToList();
        var counters = new[] { _first, _second }.Select(a => a.Services.GetRequiredService<PromptCounter>()).ToList();
        var slugs = Enumerable.Range(0, 15).Select(i => $"several-instances-{i}").ToList();

        foreach (var slug in slugs)
        {
            // Both instances count and flush a row that does not exist yet: one insert wins, the other adds to it.
            for (var i = 0; i < 3; i++)
            {
                counters[0].PromptShown(slug);
            }
            counters[1].PromptShown(slug);
            counters[1].CheckoutStarted(slug);
            await Task.WhenAll(flushers.Select(f => Task.Run(() => f.FlushAsync(CancellationToken.None))));
        }

        var rows = await _first.QueryAsync(db => db.PromptDailyStats.AsNoTracking().Where(s => slugs.Contains(s.ArticleSlug)).ToListAsync());
        Assert.Equal(slugs.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal((4, 1), (r.Views, r.CheckoutStarts)));
    }

    [Fact]
    public void Both_instances_registering_their_recurring_jobs_leave_one_definition_of_each_and_none_retired()
    {
        using var connection = _first.Services.GetRequiredService<JobStorage>().GetConnection();

        var jobs = connection.GetRecurringJobs();

        Assert.Equal([DataRetentionJob.RecurringJobId, ReconciliationJob.RecurringJobId], jobs.Select(j => j.Id).Order(StringComparer.Ordinal));
    }

    private List<MimeKit.MimeMessage> Received(string email) => [.. _first.Smtp.For(email), .. _second.Smtp.For(email)];

    private static EmailDispatch Dispatch(string email, DateTime now, string? claim = null, DateTime? claimedAt = null) => new()
    {
        Kind = EmailKind.ThankYou,
        Key = "in_" + Guid.NewGuid().ToString("N"),
        Email = email,
        AmountCents = 500,
        Currency = "usd",
        Status = claim is null ? EmailStatus.Pending : EmailStatus.Sending,
        ClaimToken = claim,
        ClaimedAt = claimedAt,
        Attempts = claim is null ? 0 : 1,
        DueAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static Task WaitUntilAsync(Func<Task<int>> count, int expected) =>
        Eventually.TrueAsync(async () => await count() == expected, $"{expected} counted", TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }
}
