using Support.Data.Email;
using Support.Data.Reminders;
using Support.Tests.Email;
using Support.Tests.Infrastructure;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

/// <summary>Mass dispatch: claims in batches, one connection per dispatcher, every reminder once.</summary>
public sealed class BatchDispatchTests
{
    [Fact]
    public async Task Many_due_reminders_are_each_sent_exactly_once_while_two_dispatchers_race_over_few_connections()
    {
        // Small batches, so the racing dispatchers (and the app's own two) claim many times over.
        using var app = new ReminderAppFactory { ExtraSettings = [new("Reminders:DispatchBatchSize", "7")] };
        var emails = Enumerable.Range(0, 120).Select(_ => NewEmail()).ToList();
        await app.InsertDueRemindersAsync(emails);

        await Task.WhenAll(app.SendRoundAsync<Reminder>(), app.SendRoundAsync<Reminder>());

        var reminders = await app.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.All(reminders, reminder => Assert.Equal(1, reminder.Attempts));
        // At most one connection per dispatch round that found work (two here, two in the app), not one per email.
        Assert.InRange(app.Smtp.Sessions, 1, 8);
    }

    [Fact]
    public async Task A_connection_dropped_mid_batch_retries_only_the_message_in_flight_and_sends_the_rest_on_a_new_connection()
    {
        using var app = new ClockedReminderApp();
        var dropped = NewEmail("dropconn");
        List<string> emails = [NewEmail(), NewEmail(), dropped, NewEmail(), NewEmail()];
        await app.InsertDueRemindersAsync(emails);

        await app.SendRoundAsync();
        // Put back for a retry after the first retry delay (the app's own sender may be the one that tried).
        var putBack = await Eventually.RefAsync(async () => (await app.RemindersForAsync(dropped)).SingleOrDefault(r => r.Status == EmailStatus.Pending && r.Attempts == 1),
            "the message in flight is put back for a retry");
        // The rest go out on a new connection in that round, before any time passes.
        await app.WaitForAllAsync(emails.Where(e => e != dropped).ToList(), EmailStatus.Sent);
        var triedAt = app.Time.GetUtcNow().UtcDateTime;
        await app.ComeDueAsync(ClockedReminderApp.Soon);

        var reminders = await app.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.InRange(putBack.DueAt, triedAt + ClockedReminderApp.Soon - TimeSpan.FromMilliseconds(1), triedAt + ClockedReminderApp.Soon);
        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.Equal(1, app.Smtp.Refusals(dropped));
        Assert.Equal([1, 1, 2, 1, 1], reminders.Select(r => r.Attempts));
        Assert.True(app.Smtp.Sessions >= 2);
    }
}
