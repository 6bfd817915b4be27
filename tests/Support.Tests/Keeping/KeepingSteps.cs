using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Tests.Account;
using Support.Tests.Email;
using Support.Tests.Infrastructure;

namespace Support.Tests.Keeping;

/// <summary>Steps of the keeping tests: emails by subject, the one-click links in them, every sender run again.</summary>
public static partial class KeepingSteps
{
    [GeneratedRegex(@"/account/(?<kind>card|restart)/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ActionLink();

    public static Task<MimeMessage> WaitForSubjectAsync(this AccountAppFactory app, string email, string subject) =>
        Eventually.RefAsync(() => Task.FromResult(app.Smtp.For(email).FirstOrDefault(m => m.Subject == subject)),
            $"an email \"{subject}\" for {email}", TimeSpan.FromSeconds(60));

    /// <summary>The path of the one-click link (card update or restart) in an email.</summary>
    public static string LinkIn(MimeMessage message) => ActionLink().Match(message.TextBody ?? "").Value;

    /// <summary>Opens an emailed one-click link and presses its button, as the page's script does in a browser.</summary>
    public static async Task<HttpResponseMessage> OpenActionLinkAsync(HttpClient browser, string link)
    {
        var page = await browser.GetAsync(link);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page;
        }
        var form = (await page.ReadHtmlAsync()).QuerySelector<IHtmlFormElement>($"form[action='{link}']")!;
        return await browser.PostFormAsync(link, Forms.FieldsOf(form));
    }

    /// <summary>
    /// Every supporter email row of the address settled (sent or skipped), after three more senders raced the app's own:
    /// the claims must let none of them send a row a second time.
    /// </summary>
    public static async Task<List<EmailDispatch>> RunEveryJobAgainAsync(this AccountAppFactory app, string email)
    {
        await Task.WhenAll(app.SendRoundAsync<EmailDispatch>(), app.SendRoundAsync<EmailDispatch>(), app.SendRoundAsync<EmailDispatch>());
        return await app.SettledDispatchesAsync(email);
    }

    /// <summary>
    /// Waits until no row of the address is pending or being sent. A held row must have come due by then: on the wall
    /// clock within its hold, on a test's clock once the test let the hold pass.
    /// </summary>
    public static Task<List<EmailDispatch>> SettledDispatchesAsync(this AccountAppFactory app, string email) =>
        Eventually.RefAsync(async () =>
        {
            var rows = await app.QueryAsync(db => db.EmailDispatches.AsNoTracking().Where(d => d.Email == email).ToListAsync());
            return rows.All(d => d.Status is not (EmailStatus.Pending or EmailStatus.Sending)) ? rows : null;
        }, $"every email row of {email} settled", TimeSpan.FromSeconds(60));

    public static IReadOnlyList<string?> SubjectsFor(this AccountAppFactory app, string email) => app.Smtp.For(email)
        .Select(m => m.Subject).Where(s => s?.StartsWith("Sign in", StringComparison.Ordinal) != true).ToList();
}
