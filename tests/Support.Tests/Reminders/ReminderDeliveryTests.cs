using Support.Data.Email;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

public sealed class ReminderDeliveryTests(ClockedReminderApp app) : IClassFixture<ClockedReminderApp>
{
    [Fact]
    public async Task Reminder_email_arrives_at_its_due_time_with_both_parts_links_and_one_click_unsubscribe_headers()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await SignUpAsync(browser, "soon", email);

        await app.ComeDueAsync(ClockedReminderApp.Soon - TimeSpan.FromMilliseconds(1));
        var early = Assert.Single(await app.RemindersForAsync(email));
        await app.ComeDueAsync(TimeSpan.FromMilliseconds(1));
        var message = await app.Smtp.WaitForAsync(email);

        Assert.Equal(EmailStatus.Pending, early.Status);
        var reminder = await app.WaitForStatusAsync(email, EmailStatus.Sent);
        Assert.True(reminder.SentAt >= reminder.DueAt);
        var unsubscribe = $"{app.PublicBaseUrl}/reminders/unsubscribe/{reminder.UnsubscribeToken}";
        Assert.Equal($"<{unsubscribe}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("Your reminder from The Moscow Times", message.Subject);
        Assert.Contains($"{app.PublicBaseUrl}/support", message.TextBody);
        Assert.Contains(unsubscribe, message.TextBody);
        Assert.Contains($"href=\"{app.PublicBaseUrl}/support\"", message.HtmlBody);
        Assert.Contains($"href=\"{unsubscribe}\"", message.HtmlBody);
        Assert.Single(app.Smtp.For(email));
    }

    [Fact]
    public async Task No_email_is_sent_to_a_reader_who_became_a_supporter_in_the_meantime()
    {
        var email = NewEmail();
        await app.QueryAsync(async db =>
        {
            var now = app.Time.GetUtcNow().UtcDateTime;
            var supporter = new Supporter { StripeCustomerId = $"cus_{Guid.NewGuid():N}", Email = email, CreatedAt = now };
            supporter.Contributions.Add(new Contribution
            {
                StripeSubscriptionId = $"sub_{Guid.NewGuid():N}", Currency = "usd", AmountCents = 500,
                Status = ContributionStatus.Active, StartedAt = now, UpdatedAt = now,
            });
            db.Supporters.Add(supporter);
            return await db.SaveChangesAsync();
        });
        using var browser = app.CreateBrowserClient();

        await SignUpAsync(browser, "soon", email);
        await app.ComeDueAsync(ClockedReminderApp.Soon);

        var reminder = await app.WaitForStatusAsync(email, EmailStatus.Skipped);
        Assert.Contains("supporter", reminder.StatusReason);
        Assert.Empty(app.Smtp.For(email));
    }

    [Fact]
    public async Task Two_sending_rounds_at_once_send_a_due_reminder_once()
    {
        var email = NewEmail();
        await app.InsertDueRemindersAsync([email]);

        await Task.WhenAll(app.SendRoundAsync(), app.SendRoundAsync());
        await app.SendRoundAsync();

        // The app's own sender may hold the claim when the rounds end: once it is Sent, no claim can send it again.
        Assert.Equal(1, (await app.WaitForStatusAsync(email, EmailStatus.Sent)).Attempts);
        Assert.Single(app.Smtp.For(email));
    }

    [Fact]
    public async Task Smtp_4xx_is_retried_later_then_sent()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("tempfail");
        await SignUpAsync(browser, "soon", email);

        await app.ComeDueAsync(ClockedReminderApp.Soon);
        // Put back for a retry a second later (the app's own sender may be the one that tried).
        await Eventually.RefAsync(async () => (await app.RemindersForAsync(email)).SingleOrDefault(r => r.Status == EmailStatus.Pending && r.Attempts == 1),
            "the refused reminder is put back for a retry");
        await app.ComeDueAsync(ClockedReminderApp.Soon);

        await app.Smtp.WaitForAsync(email);
        var reminder = await app.WaitForStatusAsync(email, EmailStatus.Sent);
        Assert.Equal(1, app.Smtp.Refusals(email));
        Assert.Equal(2, reminder.Attempts);
        Assert.Single(app.Smtp.For(email));
    }

    [Fact]
    public async Task Smtp_5xx_marks_the_reminder_failed_with_the_servers_reason_and_does_not_retry()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("permfail");

        await SignUpAsync(browser, "soon", email);
        await app.ComeDueAsync(ClockedReminderApp.Soon);

        var reminder = await app.WaitForStatusAsync(email, EmailStatus.Failed);
        Assert.Contains("550", reminder.StatusReason);
        Assert.Contains("Mailbox does not exist", reminder.StatusReason);
        // A reminder due when a retry would have been has gone out: the sender has passed the retry's due time.
        var later = NewEmail("later");
        await SignUpAsync(browser, "soon", later);
        await app.ComeDueAsync(ClockedReminderApp.Soon);
        await app.WaitForStatusAsync(later, EmailStatus.Sent);
        var after = (await app.RemindersForAsync(email)).Single();
        Assert.Equal(EmailStatus.Failed, after.Status);
        Assert.Equal(1, app.Smtp.Refusals(email));
        Assert.Equal(1, reminder.Attempts);
        Assert.Equal(1, after.Attempts);
    }
}
