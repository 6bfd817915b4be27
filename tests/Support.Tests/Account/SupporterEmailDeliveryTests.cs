using Support.Tests.Infrastructure;
using Support.Data.Supporters.Emails;
using Microsoft.EntityFrameworkCore;
using Support.Data.Email;
using Support.Tests.Email;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

/// <summary>
/// Supporter emails are rows claimed by the senders, like reminders: a row written by another process is found by
/// the poll, a dead process's claim is taken over, temporary failures are retried and permanent ones recorded. The
/// clock is the test's: a poll or a retry comes when the test lets its interval pass.
/// </summary>
public sealed class SupporterEmailDeliveryTests(ClockedAccountApp app) : IClassFixture<ClockedAccountApp>
{
    private const string ThankYou = "Thank you for supporting The Moscow Times";

    [Fact]
    public async Task Pending_email_written_by_another_process_is_sent_by_the_poll_without_a_wake_up()
    {
        var email = NewEmail("other-process");
        var id = await AddAsync(email);

        var sent = await WaitForStatusAsync(id, EmailStatus.Sent);

        // Marked sent only once the server accepted it.
        Assert.Equal(ThankYou, Assert.Single(app.Smtp.For(email)).Subject);
        Assert.Equal(1, sent.Attempts);
        Assert.NotNull(sent.SentAt);
    }

    [Fact]
    public async Task Emails_of_a_dead_senders_claim_are_sent_once_and_only_the_one_possibly_in_flight_counts_as_retried()
    {
        var emails = Enumerable.Range(0, 3).Select(_ => NewEmail("dead-claim")).ToList();
        // In one statement: a sender must find the whole claim at once, as a dead process leaves it.
        var deadClaim = "dead-" + Guid.NewGuid().ToString("N")[..16];
        var ids = await AddAsync(emails, d =>
        {
            d.Status = EmailStatus.Sending;
            d.ClaimToken = deadClaim;
            d.ClaimedAt = app.Time.GetUtcNow().UtcDateTime.AddMinutes(-10);
            d.Attempts = 1;
        });

        var rows = new List<EmailDispatch>();
        foreach (var id in ids)
        {
            rows.Add(await WaitForStatusAsync(id, EmailStatus.Sent));
        }

        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.NotNull(rows[0].RecoveredAt);
        Assert.Equal([2, 1, 1], rows.Select(r => r.Attempts));
        Assert.All(rows.Skip(1), r => Assert.Null(r.RecoveredAt));
    }

    [Fact]
    public async Task Temporary_smtp_failure_is_retried_later_then_sent_once()
    {
        var email = NewEmail("tempfail");
        var id = await AddAsync(email);

        await app.SendRoundAsync<EmailDispatch>();
        // Put back for a retry (the app's own sender may be the one that tried).
        await Eventually.RefAsync(() => RowAsync(id, r => r.Status == EmailStatus.Pending && r.Attempts == 1), $"email {id} is put back for a retry");
        await app.ComeDueAsync(app.EmailOptions.RetryDelay(1) - TimeSpan.FromMilliseconds(1));
        var early = await RowAsync(id, _ => true);
        await app.ComeDueAsync(TimeSpan.FromMilliseconds(1));
        var sent = await Eventually.RefAsync(() => RowAsync(id, r => r.Status == EmailStatus.Sent), $"email {id} is sent");

        Assert.Equal((EmailStatus.Pending, 1), (early!.Status, early.Attempts));
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(1, app.Smtp.Refusals(email));
        Assert.Single(app.Smtp.For(email));
    }

    [Fact]
    public async Task Permanent_smtp_failure_marks_the_email_failed_with_the_servers_reply()
    {
        var email = NewEmail("permfail");
        var id = await AddAsync(email);

        var failed = await WaitForStatusAsync(id, EmailStatus.Failed);

        Assert.Contains("Mailbox does not exist", failed.StatusReason);
        Assert.Equal(1, app.Smtp.Refusals(email));
    }

    [Fact]
    public async Task Email_to_a_supporter_who_erased_their_account_is_skipped()
    {
        var id = await AddAsync(null);

        var skipped = await WaitForStatusAsync(id, EmailStatus.Skipped);

        Assert.Contains("deleted their account", skipped.StatusReason);
    }

    /// <summary>A thank-you row as a webhook in another process would have committed it (nobody wakes this one's senders).</summary>
    private async Task<long> AddAsync(string? email) => (await AddAsync([email], null))[0];

    private async Task<List<long>> AddAsync(IReadOnlyList<string?> emails, Action<EmailDispatch>? change)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var dispatches = emails.Select(email => new EmailDispatch
        {
            Kind = EmailKind.ThankYou,
            Key = "in_" + Guid.NewGuid().ToString("N"),
            Email = email,
            AmountCents = 500,
            Currency = "usd",
            Status = EmailStatus.Pending,
            DueAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        dispatches.ForEach(d => change?.Invoke(d));
        await app.QueryAsync(async db =>
        {
            db.EmailDispatches.AddRange(dispatches);
            return await db.SaveChangesAsync();
        });
        return dispatches.Select(d => d.Id).ToList();
    }

    /// <summary>Found by the app's own senders as they poll.</summary>
    private Task<EmailDispatch> WaitForStatusAsync(long id, EmailStatus status) =>
        app.PollUntilAsync(() => RowAsync(id, r => r.Status == status), $"email {id} is {status}");

    private async Task<EmailDispatch?> RowAsync(long id, Func<EmailDispatch, bool> condition) =>
        await app.QueryAsync(db => db.EmailDispatches.AsNoTracking().SingleAsync(d => d.Id == id)) is var row && condition(row) ? row : null;
}
