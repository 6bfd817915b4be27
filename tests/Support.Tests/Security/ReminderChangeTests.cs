using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Support.Tests.Infrastructure;
using Support.Tests.Reminders;
using static Support.Tests.Reminders.ReminderTestData;

namespace Support.Tests.Security;

/// <summary>
/// Finding 12: signing up an address that already has a pending reminder shows nothing of that reminder and
/// moves nothing; the address's owner gets an email, and the reminder moves only when they press its button.
/// </summary>
public sealed partial class ReminderChangeTests(ReminderAppFactory app) : IClassFixture<ReminderAppFactory>
{
    [GeneratedRegex(@"/reminders/change/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ChangeLink();

    [Fact]
    public async Task A_signup_for_an_address_with_a_pending_reminder_shows_no_token_and_moves_nothing()
    {
        var email = NewEmail();
        using var owner = app.CreateBrowserClient();
        await SignUpAsync(owner, "1m", email);
        var existing = Assert.Single(await app.RemindersForAsync(email));
        using var stranger = app.CreateBrowserClient();

        var answer = await SignUpAsync(stranger, "1w", email);

        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain(existing.UnsubscribeToken, html);
        Assert.DoesNotContain("/reminders/unsubscribe/", html);
        var after = Assert.Single(await app.RemindersForAsync(email));
        Assert.Equal(existing.DueAt, after.DueAt);
        Assert.Equal(existing.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task A_first_signup_and_a_repeated_one_get_the_same_page()
    {
        var email = NewEmail();
        using var browser = app.CreateBrowserClient();

        var first = (await (await SignUpAsync(browser, "1w", email)).ReadHtmlAsync()).QuerySelector("main")!.TextContent;
        var second = (await (await SignUpAsync(browser, "1w", email)).ReadHtmlAsync()).QuerySelector("main")!.TextContent;

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_owner_moves_the_reminder_by_pressing_the_button_in_the_email_once()
    {
        var email = NewEmail();
        using var browser = app.CreateBrowserClient();
        await SignUpAsync(browser, "1m", email);
        var existing = Assert.Single(await app.RemindersForAsync(email));
        await SignUpAsync(browser, "1w", email);
        var message = await app.Smtp.WaitForAsync(email);
        var link = "/reminders/change/" + ChangeLink().Match(message.TextBody!).Groups["token"].Value;

        var confirm = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(existing.DueAt, Assert.Single(await app.RemindersForAsync(email)).DueAt);
        var form = (await confirm.ReadHtmlAsync()).QuerySelector<IHtmlFormElement>($"form[action='{link}']")!;
        var moved = await browser.PostFormAsync(link, Forms.FieldsOf(form));
        var again = await browser.PostFormAsync(link, Forms.FieldsOf(form));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var reminder = Assert.Single(await app.RemindersForAsync(email));
        Assert.Equal(existing.Id, reminder.Id);
        Assert.InRange(reminder.DueAt, DateTime.UtcNow.AddDays(7).AddMinutes(-1), DateTime.UtcNow.AddDays(7).AddMinutes(1));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("It has expired, was already used", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_made_up_change_link_changes_nothing(string token)
    {
        using var browser = app.CreateBrowserClient();

        var get = await browser.GetAsync($"/reminders/change/{token}");
        var post = await browser.PostAsync($"/reminders/change/{token}", null);

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
    }
}
