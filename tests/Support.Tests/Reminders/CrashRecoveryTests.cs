using Support.Data.Email;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Reminders;
using Support.Web.Email.Outbox;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

/// <summary>
/// What a process that died mid-batch leaves behind: reminders in Sending under its claim token. The default
/// lease is 30 seconds, so a claim taken ten minutes ago is expired and one taken now is not.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string DeadClaim = "claim-of-a-killed-process";

    [Fact]
    public async Task Reminders_of_an_expired_claim_are_sent_once_and_only_the_one_possibly_in_flight_counts_as_retried()
    {
        using var app = new ReminderAppFactory();
        var emails = Enumerable.Range(0, 4).Select(_ => NewEmail()).ToList();

        await app.InsertDueRemindersAsync(emails, ClaimedBy(DeadClaim, DateTime.UtcNow.AddMinutes(-10)));

        var reminders = await app.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.NotNull(reminders[0].RecoveredAt);
        Assert.Equal([2, 1, 1, 1], reminders.Select(r => r.Attempts));
        Assert.All(reminders.Skip(1), r => Assert.Null(r.RecoveredAt));
    }

#if !POSTGRESQL
    [Fact]
    public async Task With_sqlite_a_restarted_process_takes_over_claims_older_than_itself_without_waiting_for_the_lease()
    {
        var claimedBeforeStart = DateTime.UtcNow.AddSeconds(-1);
        using var app = new ReminderAppFactory();
        app.StartServer();
        var emails = Enumerable.Range(0, 3).Select(_ => NewEmail()).ToList();

        // Well within the two-minute lease, but older than this process: the killed process's claim.
        await app.InsertDueRemindersAsync(emails, ClaimedBy(DeadClaim, claimedBeforeStart));

        var reminders = await app.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.Equal([2, 1, 1], reminders.Select(r => r.Attempts));
    }
#endif

    [Fact]
    public async Task A_claim_within_its_lease_is_left_to_its_dispatcher()
    {
        using var app = new ReminderAppFactory();
        app.StartServer();
        var email = NewEmail();
        await app.InsertDueRemindersAsync([email], ClaimedBy("claim-of-a-live-process", DateTime.UtcNow));

        var recovered = await RecoverAsync(app);

        Assert.Equal(0, recovered);
        Assert.Equal(EmailStatus.Sending, (await app.RemindersForAsync(email)).Single().Status);
    }

    [Fact]
    public async Task A_reminder_interrupted_a_second_time_is_failed_rather_than_risk_another_duplicate()
    {
        using var app = new ReminderAppFactory();
        var email = NewEmail();
        var claimedAt = DateTime.UtcNow.AddMinutes(-10);
        await app.InsertDueRemindersAsync([email], r =>
        {
            ClaimedBy(DeadClaim, claimedAt)(r);
            r.RecoveredAt = claimedAt.AddMinutes(-5);
        });

        var reminder = await app.WaitForStatusAsync(email, EmailStatus.Failed);

        Assert.Contains("Interrupted twice", reminder.StatusReason);
        Assert.Empty(app.Smtp.For(email));
    }

    [Fact]
    public async Task A_send_interrupted_under_the_previous_one_job_per_reminder_design_is_recovered_and_sent_once()
    {
        using var app = new ReminderAppFactory();
        var email = NewEmail();
        await app.InsertDueRemindersAsync([email], r =>
        {
            r.Status = EmailStatus.Sending;
            r.Attempts = 1;
            r.UpdatedAt = DateTime.UtcNow.AddMinutes(-10);
        });

        var reminder = await app.WaitForStatusAsync(email, EmailStatus.Sent);

        Assert.Single(app.Smtp.For(email));
        Assert.NotNull(reminder.RecoveredAt);
        Assert.Equal(2, reminder.Attempts);
    }

    private static Action<Reminder> ClaimedBy(string token, DateTime claimedAt) => r =>
    {
        r.Status = EmailStatus.Sending;
        r.ClaimToken = token;
        r.ClaimedAt = claimedAt;
        r.Attempts = 1;
    };

    private static async Task<int> RecoverAsync(ReminderAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpiredClaimRecovery<Reminder>>()
            .RecoverAsync(TimeSpan.FromMinutes(2), null, CancellationToken.None);
    }
}
