using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Email;
using Support.Data.Reminders;
using Support.Tests.Email;
using Support.Web.Email.Outbox;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

/// <summary>
/// The "sent" records of every sender are committed together (<see cref="SentRecords{T}"/>), and each sender still
/// waits for its own before its next message: a crash can send at most the one message in flight twice.
/// </summary>
public sealed class SentRecordTests
{
    [Fact]
    public async Task Each_sent_reminder_is_recorded_before_its_sender_starts_the_next_message_while_four_senders_share_commits()
    {
        var gate = new CommitGate();
        using var app = new ReminderAppFactory { OwnSenders = false, Commits = gate, ExtraSettings = [new("Reminders:DispatchBatchSize", "5")] };
        var emails = Enumerable.Range(0, 40).Select(_ => NewEmail()).ToList();
        await app.InsertDueRemindersAsync(emails);
        var unrecorded = new ConcurrentBag<string>();
        app.Smtp.OnNextOnConnection = async previous =>
        {
            if ((await app.RemindersForAsync(previous)).Single().Status != EmailStatus.Sent)
            {
                unrecorded.Add(previous);
            }
        };
        var commitsBefore = gate.Commits;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SendRoundAsync<Reminder>()));

        Assert.Empty(unrecorded);
        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.All(await app.WaitForAllAsync(emails, EmailStatus.Sent), r => Assert.Equal(1, r.Attempts));
        Assert.InRange(gate.Commits - commitsBefore, 1, emails.Count);
    }

    [Fact]
    public async Task Records_that_arrive_while_a_commit_runs_share_the_next_commit_and_none_completes_before_its_own()
    {
        var gate = new CommitGate();
        using var app = new ReminderAppFactory { OwnSenders = false, Commits = gate };
        var emails = Enumerable.Range(0, 4).Select(_ => NewEmail()).ToList();
        await app.InsertDueRemindersAsync(emails);
        // Four senders' claims of one email each, as after each sender's message was accepted.
        var claims = new List<EmailClaim<Reminder>>();
        foreach (var _ in emails)
        {
            claims.Add(await ClaimOneAsync(app));
        }
        var records = app.Services.GetRequiredService<SentRecords<Reminder>>();
        var commitsBefore = gate.Commits;
        gate.Hold();

        var first = records.RecordAsync(claims[0], claims[0].Rows.Single().Id);
        await gate.Holding;
        var others = claims.Skip(1).Select(c => records.RecordAsync(c, c.Rows.Single().Id)).ToList();
        Assert.False(first.IsCompleted);
        Assert.All(others, record => Assert.False(record.IsCompleted));
        gate.Release();

        Assert.All(await Task.WhenAll([first, .. others]), Assert.True);
        Assert.Equal(2, gate.Commits - commitsBefore);
        Assert.All(await app.WaitForAllAsync(emails, EmailStatus.Sent), r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task A_refused_commit_stops_the_sender_before_its_next_message_and_only_the_unrecorded_one_goes_twice()
    {
        var gate = new CommitGate();
        using var app = new ClockedReminderApp { OwnSenders = false, Commits = gate };
        var emails = Enumerable.Range(0, 3).Select(_ => NewEmail()).ToList();
        await app.InsertDueRemindersAsync(emails);

        gate.Refuse = true;
        var refused = await Assert.ThrowsAnyAsync<Exception>(app.SendRoundAsync);
        gate.Refuse = false;

        Assert.Contains("refused", refused.Message);
        Assert.Single(app.Smtp.For(emails[0]));
        Assert.All(emails.Skip(1), email => Assert.Empty(app.Smtp.For(email)));
        Assert.All(await app.WaitForAllAsync(emails, EmailStatus.Sending), r => Assert.Null(r.SentAt));

        // Nobody renews the claim: after its lease it is recovered, and only the message without its record goes again.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExpiredClaimRecovery<Reminder>>()
                .RecoverAsync(TimeSpan.FromSeconds(30), null, CancellationToken.None);
        }
        await app.SendRoundAsync();

        var reminders = await app.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.Equal(2, app.Smtp.For(emails[0]).Count);
        Assert.All(emails.Skip(1), email => Assert.Single(app.Smtp.For(email)));
        Assert.Equal([2, 1, 1], reminders.Select(r => r.Attempts));
    }

    private static async Task<EmailClaim<Reminder>> ClaimOneAsync(ReminderAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailClaims<Reminder>>().ClaimDueAsync(1, CancellationToken.None)
            ?? throw new InvalidOperationException("Nothing was due to claim.");
    }
}
