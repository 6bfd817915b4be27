using Support.Data.Email;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Reminders;
using Support.Web.Email.Outbox;
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

        await Task.WhenAll(DispatchAsync(app), DispatchAsync(app));

        var reminders = await app.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.All(reminders, reminder => Assert.Equal(1, reminder.Attempts));
        // At most one connection per dispatch round that found work (two here, two in the app), not one per email.
        Assert.InRange(app.Smtp.Sessions, 1, 8);
    }

    [Fact]
    public async Task A_connection_dropped_mid_batch_retries_only_the_message_in_flight_and_sends_the_rest_on_a_new_connection()
    {
        using var app = new ReminderAppFactory();
        var dropped = NewEmail("dropconn");
        List<string> emails = [NewEmail(), NewEmail(), dropped, NewEmail(), NewEmail()];

        await app.InsertDueRemindersAsync(emails);

        var reminders = await app.WaitForAllAsync(emails, EmailStatus.Sent);
        Assert.All(emails, email => Assert.Single(app.Smtp.For(email)));
        Assert.Equal(1, app.Smtp.Refusals(dropped));
        Assert.Equal([1, 1, 2, 1, 1], reminders.Select(r => r.Attempts));
        Assert.True(app.Smtp.Sessions >= 2);
    }

    private static async Task<int> DispatchAsync(ReminderAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailSender<Reminder>>().SendDueAsync(CancellationToken.None);
    }
}
