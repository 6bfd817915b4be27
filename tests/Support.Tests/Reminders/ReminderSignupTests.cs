using Support.Data.Email;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

public sealed class ReminderSignupTests(ReminderAppFactory app) : IClassFixture<ReminderAppFactory>
{
    [Fact]
    public async Task Prompt_link_opens_a_plain_form_with_the_choices_and_the_consent_line()
    {
        using var browser = app.CreateBrowserClient();
        var article = await (await browser.GetAsync($"/articles/{ArticleSlug}")).ReadHtmlAsync();
        var link = article.QuerySelectorAll<IHtmlAnchorElement>("a").Single(a => a.TextContent.Trim() == "Remind me later");

        var response = await browser.GetAsync(link.GetAttribute("href"));
        var page = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choices = page.QuerySelectorAll<IHtmlInputElement>("input[name=choice]").Select(i => i.Value).ToList();
        Assert.Equal(["soon", "1w", "1m", "next-month"], choices); // "1min" is Development only
        Assert.Contains("one email on the date you choose. Unsubscribe at any time.", page.Body!.TextContent);
        Assert.Equal(ArticleSlug, page.QuerySelector<IHtmlInputElement>("input[name=article]")!.Value);
    }

    [Fact]
    public async Task Signup_without_email_hides_the_prompt_until_then_and_stores_nothing()
    {
        using var browser = app.CreateBrowserClient();
        var before = await app.QueryAsync(db => Task.FromResult(db.Reminders.Count()));

        var response = await SignUpAsync(browser, "1w", "");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/articles/{ArticleSlug}", response.Headers.Location!.ToString());
        var article = await (await browser.GetAsync($"/articles/{ArticleSlug}")).ReadHtmlAsync();
        Assert.Null(article.QuerySelector("#support-prompt"));
        Assert.Equal(before, await app.QueryAsync(db => Task.FromResult(db.Reminders.Count())));
    }

    [Fact]
    public async Task Signup_with_email_stores_a_pending_reminder_and_confirms_in_plain_words()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();

        var response = await SignUpAsync(browser, "1w", "  " + email.ToUpperInvariant() + " ");
        var text = (await response.ReadHtmlAsync()).Body!.TextContent;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"We will send you one email at {email} on", text);
        var reminder = Assert.Single(await app.RemindersForAsync(email));
        Assert.Equal(EmailStatus.Pending, reminder.Status);
        Assert.Equal(ArticleSlug, reminder.ArticleSlug);
        Assert.InRange(reminder.DueAt, DateTime.UtcNow.AddDays(7).AddMinutes(-1), DateTime.UtcNow.AddDays(7).AddMinutes(1));
        Assert.Equal(43, reminder.UnsubscribeToken.Length);
        var article = await (await browser.GetAsync($"/articles/{ArticleSlug}")).ReadHtmlAsync();
        Assert.Null(article.QuerySelector("#support-prompt"));
    }

    [Fact]
    public async Task A_second_signup_with_the_same_email_keeps_one_pending_reminder_until_the_owner_confirms_the_move()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await SignUpAsync(browser, "1m", email);
        var first = Assert.Single(await app.RemindersForAsync(email));

        await SignUpAsync(browser, "1w", email);

        // The move waits for a click in the email sent to the address (Security/ReminderChangeTests).
        var kept = Assert.Single(await app.RemindersForAsync(email));
        Assert.Equal(first.Id, kept.Id);
        Assert.Equal(first.DueAt, kept.DueAt);
        Assert.Contains("confirm", (await app.Smtp.WaitForAsync(email)).Subject, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signups_schedule_no_hangfire_job_since_the_row_is_the_only_trigger()
    {
        using var fresh = new ReminderAppFactory();
        using var browser = fresh.CreateBrowserClient();

        await SignUpAsync(browser, "next-month", NewEmail());
        await SignUpAsync(browser, "1w", NewEmail());

        var monitoring = fresh.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(0, monitoring.ScheduledCount());
        Assert.Equal(0, monitoring.EnqueuedCount("default"));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Reader <reader@example.org>")]
    [InlineData("reader@localhost")]
    public async Task Invalid_email_is_refused_with_a_clear_400_and_nothing_stored(string email)
    {
        using var browser = app.CreateBrowserClient();

        var response = await SignUpAsync(browser, "1w", email);
        var page = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("email address does not look right", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(await app.RemindersForAsync(email.Trim().ToLowerInvariant()));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Unknown_choice_is_refused_with_a_clear_400()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();

        var response = await browser.PostFormAsync("/reminders",
            new Dictionary<string, string> { ["choice"] = "1min", ["email"] = email, ["article"] = ArticleSlug });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose when we should remind you.", (await response.ReadHtmlAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(await app.RemindersForAsync(email));
    }
}
