using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Tests.Email;
using Support.Tests.Infrastructure;
using Support.Web.Reminders;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

/// <summary>
/// The "confirm the new date" email of a reminder change is a row on the supporter email queue (ADR 0008), not a
/// job: sent once, still sent by the next process when the first could not, and its link refused once used or old.
/// </summary>
public sealed partial class ReminderChangeEmailTests
{
    private const string Subject = "Confirm the new date of your reminder from The Moscow Times";

    [GeneratedRegex(@"/reminders/change/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ChangeLink();

    [Fact]
    public async Task The_change_email_is_one_row_of_the_supporter_queue_sent_once()
    {
        using var app = new ReminderAppFactory();
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("change-once");
        await SignUpAsync(browser, "1m", email);

        await SignUpAsync(browser, "1w", email);

        var row = await WaitForChangeEmailAsync(app, email, EmailStatus.Sent);
        Assert.Equal(1, row.Attempts);
        var message = Assert.Single(app.Smtp.For(email));
        Assert.Equal(Subject, message.Subject);
        Assert.Matches(ChangeLink(), message.TextBody);
    }

    [Fact]
    public async Task A_change_email_the_first_process_could_not_send_is_sent_by_the_next_and_its_link_works()
    {
        var email = NewEmail("change-restart");
        using var before = new ReminderAppFactory
        {
            // Nothing listens there: every attempt of the first process is refused.
            ExtraSettings = [new("Smtp:Port", TestSmtpServer.FreePort().ToString(CultureInfo.InvariantCulture))],
        };
        using (var browser = before.CreateBrowserClient())
        {
            await SignUpAsync(browser, "1m", email);
            await SignUpAsync(browser, "1w", email);
        }
        await Eventually.TrueAsync(async () => (await ChangeEmailsAsync(before, email)) is [{ Attempts: > 0, Status: EmailStatus.Pending }],
            "the first process tried and failed to send the change email");
        var reminder = Assert.Single(await before.RemindersForAsync(email));
        await before.Services.GetRequiredService<IHost>().StopAsync();

        using var after = new ReminderAppFactory { SharedDataDirectory = before.DataDirectory };
        after.StartServer();
        var message = await after.Smtp.WaitForAsync(email);
        using var reader = after.CreateBrowserClient();
        var moved = await PressAsync(reader, message.TextBody!);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var now = Assert.Single(await after.RemindersForAsync(email));
        Assert.Equal(reminder.Id, now.Id);
        Assert.InRange(now.DueAt, reminder.CreatedAt.AddDays(7).AddMinutes(-1), reminder.CreatedAt.AddDays(7).AddMinutes(5));
        await WaitForChangeEmailAsync(after, email, EmailStatus.Sent);
        Assert.Single(after.Smtp.For(email));
    }

    [Fact]
    public async Task A_change_link_older_than_three_days_is_refused_with_a_page_that_says_so_and_moves_nothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new ReminderAppFactory { Clock = clock };
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("change-expired");
        await SignUpAsync(browser, "1m", email);
        var before = Assert.Single(await app.RemindersForAsync(email));
        await SignUpAsync(browser, "1w", email);
        var message = await app.Smtp.WaitForAsync(email);

        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var link = "/reminders/change/" + ChangeLink().Match(message.TextBody!).Groups["token"].Value;
        var get = await browser.GetAsync(link);
        var post = await browser.PostAsync(link, null);

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Contains("This link no longer works", await post.Content.ReadAsStringAsync());
        var after = Assert.Single(await app.RemindersForAsync(email));
        Assert.Equal(before.DueAt, after.DueAt);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task A_change_email_whose_reminder_was_cancelled_before_it_went_out_is_skipped()
    {
        using var app = new ReminderAppFactory();
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("change-cancelled");
        await SignUpAsync(browser, "1m", email);
        var reminder = Assert.Single(await app.RemindersForAsync(email));
        await app.QueryAsync(db => db.Reminders.Where(r => r.Id == reminder.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, EmailStatus.Cancelled)));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderChanges>().AskAsync(
                scope.ServiceProvider.GetRequiredService<Support.Data.SupportDbContext>(), reminder, DateTimeOffset.UtcNow.AddDays(7), "", CancellationToken.None);
        }

        var row = await WaitForChangeEmailAsync(app, email, EmailStatus.Skipped);
        Assert.Contains("cancelled", row.StatusReason);
        Assert.Empty(app.Smtp.For(email));
    }

    private static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string body)
    {
        var link = "/reminders/change/" + ChangeLink().Match(body).Groups["token"].Value;
        var page = await (await browser.GetAsync(link)).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>($"form[action='{link}']") ?? throw new InvalidOperationException("No confirm form.");
        return await browser.PostFormAsync(link, Forms.FieldsOf(form));
    }

    private static Task<List<EmailDispatch>> ChangeEmailsAsync(SupportAppFactory app, string email) =>
        app.QueryAsync(db => db.EmailDispatches.AsNoTracking()
            .Where(d => d.Kind == EmailKind.ReminderChange && d.Email == email).ToListAsync());

    private static async Task<EmailDispatch> WaitForChangeEmailAsync(SupportAppFactory app, string email, EmailStatus status)
    {
        await Eventually.TrueAsync(async () => (await ChangeEmailsAsync(app, email)) is [{ } row] && row.Status == status,
            $"the change email is {status}");
        return Assert.Single(await ChangeEmailsAsync(app, email));
    }
}
