using Support.Data.Email;
using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Support.Tests.Infrastructure;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Reminders;

public sealed class UnsubscribeTests(ClockedReminderApp app) : IClassFixture<ClockedReminderApp>
{
    [Fact]
    public async Task Unsubscribe_link_shows_a_confirmation_whose_button_cancels_the_reminder()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await SignUpAsync(browser, "1w", email);
        var token = (await app.RemindersForAsync(email)).Single().UnsubscribeToken;

        var confirm = await browser.GetAsync($"/reminders/unsubscribe/{token}");
        Assert.Equal(EmailStatus.Pending, (await app.RemindersForAsync(email)).Single().Status);
        var form = (await confirm.ReadHtmlAsync()).QuerySelector<IHtmlFormElement>("form[method=post]")!;
        var done = await browser.PostFormAsync(form.GetAttribute("action")!, Forms.FieldsOf(form));

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("You are unsubscribed", await done.Content.ReadAsStringAsync());
        Assert.Equal(EmailStatus.Cancelled, (await app.RemindersForAsync(email)).Single().Status);
    }

    [Fact]
    public async Task One_click_post_from_a_mail_client_cancels_the_reminder_before_it_is_sent()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await SignUpAsync(browser, "soon", email);
        var token = (await app.RemindersForAsync(email)).Single().UnsubscribeToken;

        var response = await client.PostAsync($"/reminders/unsubscribe/{token}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmailStatus.Cancelled, (await app.RemindersForAsync(email)).Single().Status);
        // A reminder due when this one was has gone out: the sender has looked at the table at this one's due time.
        var later = NewEmail("later");
        await SignUpAsync(browser, "soon", later);
        await app.ComeDueAsync(ClockedReminderApp.Soon);
        await app.WaitForStatusAsync(later, EmailStatus.Sent);
        Assert.Empty(app.Smtp.For(email));
    }

    [Fact]
    public async Task Unsubscribing_again_says_it_is_already_cancelled()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        await SignUpAsync(browser, "1w", email);
        var token = (await app.RemindersForAsync(email)).Single().UnsubscribeToken;
        await browser.PostAsync($"/reminders/unsubscribe/{token}", null);

        var again = await browser.PostAsync($"/reminders/unsubscribe/{token}", null);
        var page = await browser.GetAsync($"/reminders/unsubscribe/{token}");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Already unsubscribed", await again.Content.ReadAsStringAsync());
        Assert.Contains("Already unsubscribed", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Unknown_token_gets_a_friendly_404_page(string method)
    {
        using var browser = app.CreateBrowserClient();

        var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/reminders/unsubscribe/not-a-real-token"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that reminder", await response.Content.ReadAsStringAsync());
    }
}
