using Support.Data.Email;
using Microsoft.Extensions.Time.Testing;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

public sealed class RestartTests
{
    [Fact]
    public async Task Pending_reminder_is_still_sent_after_a_restart_with_wiped_job_storage()
    {
        using var before = new ReminderAppFactory();
        using var browser = before.CreateBrowserClient();
        var email = NewEmail();
        await SignUpAsync(browser, "1w", email);

        // A new process on the same database, a week and a day later, with empty Hangfire storage.
        using var after = new ReminderAppFactory
        {
            SharedDataDirectory = before.DataDirectory,
            Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(8)),
        };
        after.StartServer();

        var message = await after.Smtp.WaitForAsync(email);
        Assert.Equal("Your reminder from The Moscow Times", message.Subject);
        await after.WaitForStatusAsync(email, EmailStatus.Sent);
        Assert.Empty(before.Smtp.For(email));
    }
}
