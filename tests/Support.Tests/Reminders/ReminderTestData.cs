using Support.Data.Email;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Reminders;
using Support.Tests.Infrastructure;

namespace Support.Tests.Reminders;

/// <summary>Shared steps of the reminder tests: sign up through the form, read rows back.</summary>
public static class ReminderTestData
{
    public const string ArticleSlug = "why-readers-fund-our-newsroom";

    /// <summary>A fresh address per test, so tests sharing one app and one SMTP server never see each other's mail.</summary>
    public static string NewEmail(string prefix = "reader") => $"{prefix}-{Guid.NewGuid():N}@example.org";

    /// <summary>Opens the reminder form from the article's prompt link and submits it like a browser.</summary>
    public static async Task<HttpResponseMessage> SignUpAsync(HttpClient browser, string choice, string email)
    {
        var page = await (await browser.GetAsync($"/reminders/new?article={ArticleSlug}")).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/reminders']")
            ?? throw new InvalidOperationException("No reminder form.");
        return await browser.PostFormAsync("/reminders", Forms.FieldsOf(form, new Dictionary<string, string>
        {
            ["choice"] = choice,
            ["email"] = email,
        }));
    }

    /// <summary>Pending reminders due a second ago on the app's clock, written straight to the table as a signup would leave them.</summary>
    public static Task<List<long>> InsertDueRemindersAsync(this SupportAppFactory app, IEnumerable<string> emails, Action<Reminder>? shape = null) =>
        app.QueryAsync(async db =>
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var reminders = emails.Select(email => new Reminder
            {
                Email = email, UnsubscribeToken = Support.Web.Reminders.ReminderSignup.NewToken(), Status = EmailStatus.Pending,
                DueAt = now.AddSeconds(-1), CreatedAt = now, UpdatedAt = now,
            }).ToList();
            reminders.ForEach(r => shape?.Invoke(r));
            db.Reminders.AddRange(reminders);
            await db.SaveChangesAsync();
            return reminders.Select(r => r.Id).ToList();
        });

    public static Task<List<Reminder>> RemindersForAsync(this SupportAppFactory app, string email) =>
        app.QueryAsync(db => db.Reminders.AsNoTracking().Where(r => r.Email == email).OrderBy(r => r.Id).ToListAsync());

    /// <summary>Waits until every one of these reminders has the status; returns them.</summary>
    public static async Task<List<Reminder>> WaitForAllAsync(this SupportAppFactory app, IReadOnlyCollection<string> emails, EmailStatus status)
    {
        var reminders = new List<Reminder>();
        foreach (var email in emails)
        {
            reminders.Add(await app.WaitForStatusAsync(email, status));
        }
        return reminders;
    }

    /// <summary>Waits until the reminder reaches the status (the email senders run on their own threads).</summary>
    public static async Task<Reminder> WaitForStatusAsync(this SupportAppFactory app, string email, EmailStatus status)
    {
        return await Eventually.RefAsync(async () => (await app.RemindersForAsync(email)).LastOrDefault() is { } reminder && reminder.Status == status ? reminder : null,
            $"the reminder for {email} is {status}");
    }
}
