using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Support.Data.Email;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;

namespace Support.Tests.Account;

/// <summary>A supporter's steps through checkout, the emailed sign-in link and the account page's forms.</summary>
public static partial class AccountSteps
{
    [GeneratedRegex(@"/account/signin/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();

    public static string NewEmail(string prefix = "supporter") => $"{prefix}-{Guid.NewGuid():N}@example.org";

    /// <summary>Gives monthly through the prompt and the emulator's checkout, and waits until the webhooks are applied.</summary>
    public static async Task<Contribution> BecomeSupporterAsync(this AccountAppFactory app, HttpClient browser, string email,
        string amount = "5", string card = "4242 4242 4242 4242", string frequency = "month")
    {
        await new ReaderJourney(browser).GiveAsync(frequency, amount, email, card);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        return await app.ContributionOfAsync(email);
    }

    public static Task<Contribution> ContributionOfAsync(this SupportAppFactory app, string email) =>
        app.QueryAsync(db => db.Contributions.AsNoTracking().Include(c => c.Supporter).SingleAsync(c => c.Supporter.Email == email));

    /// <summary>Submits the sign-in form on /account like a browser.</summary>
    public static async Task<HttpResponseMessage> RequestLinkAsync(HttpClient browser, string email)
    {
        var page = await (await browser.GetAsync("/account")).ReadHtmlAsync();
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/account/signin']") ?? throw new InvalidOperationException("No sign-in form.");
        return await browser.PostFormAsync("/account/signin", Forms.FieldsOf(form, new Dictionary<string, string> { ["email"] = email }));
    }

    /// <summary>The sign-in link's path from the newest email to this address.</summary>
    public static async Task<string> WaitForLinkAsync(this AccountAppFactory app, string email, int count = 1)
    {
        // A bound, not a speed check: on a 2-core machine shared with other builds the job once took over 30 s.
        await Eventually.TrueAsync(() => app.Smtp.For(email).Count(m => m.Subject?.StartsWith("Sign in", StringComparison.Ordinal) == true) >= count,
            $"{count} sign-in link(s) for {email}", TimeSpan.FromSeconds(90));
        var message = app.Smtp.For(email).Last(m => m.Subject?.StartsWith("Sign in", StringComparison.Ordinal) == true);
        return "/account/signin/" + LinkPattern().Match(message.TextBody ?? "").Groups["token"].Value;
    }

    /// <summary>
    /// Waits until every email row for the address is settled (sent, skipped, failed or cancelled). The row is the only
    /// trigger of an email and is marked after SMTP accepted it, so then nothing more can reach the mail server for
    /// it: a "no email" assertion after this proves something.
    /// </summary>
    public static Task WaitForEmailsSettledAsync(this SupportAppFactory app, string email, int atLeast = 0) =>
        Eventually.TrueAsync(() => app.QueryAsync(async db =>
                await db.EmailDispatches.CountAsync(d => d.Email == email) >= atLeast
                && !await db.EmailDispatches.AnyAsync(d => d.Email == email && (d.Status == EmailStatus.Pending || d.Status == EmailStatus.Sending))),
            $"at least {atLeast} email row(s) for {email}, every one settled");

    /// <summary>The newest email row's id (0 for none): rows written after it are those of what a test does next.</summary>
    public static Task<long> LastEmailRowIdAsync(this SupportAppFactory app) =>
        app.QueryAsync(db => db.EmailDispatches.MaxAsync(d => (long?)d.Id)).ContinueWith(t => t.Result ?? 0);

    /// <summary>
    /// Waits until at least <paramref name="atLeast"/> email rows were written after <paramref name="afterId"/> and every
    /// one of them is settled. By id, since a sign-in link to an unknown address loses its address when skipped. Tests of
    /// one class run one at a time, so those rows are this test's.
    /// </summary>
    public static Task WaitForEmailRowsSettledAsync(this SupportAppFactory app, long afterId, int atLeast) =>
        Eventually.TrueAsync(() => app.QueryAsync(async db =>
                await db.EmailDispatches.CountAsync(d => d.Id > afterId) >= atLeast
                && !await db.EmailDispatches.AnyAsync(d => d.Id > afterId && (d.Status == EmailStatus.Pending || d.Status == EmailStatus.Sending))),
            $"at least {atLeast} email row(s) after #{afterId}, every one settled");

    /// <summary>Opens the link (GET shows a button) and presses the button (POST signs in).</summary>
    public static async Task<HttpResponseMessage> FollowLinkAsync(HttpClient browser, string link)
    {
        var confirm = await browser.GetAsync(link);
        if (confirm.StatusCode != HttpStatusCode.OK)
        {
            return confirm;
        }
        var form = (await confirm.ReadHtmlAsync()).QuerySelector<IHtmlFormElement>($"form[action='{link}']")!;
        return await browser.PostFormAsync(link, Forms.FieldsOf(form));
    }

    /// <summary>Signs in with the <paramref name="linkNumber"/>th link emailed to the address (another device signing in too).</summary>
    public static async Task SignInAsync(this AccountAppFactory app, HttpClient browser, string email, int linkNumber = 1)
    {
        Assert.Equal(HttpStatusCode.OK, (await RequestLinkAsync(browser, email)).StatusCode);
        var signedIn = await FollowLinkAsync(browser, await app.WaitForLinkAsync(email, linkNumber));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
    }

    /// <summary>Submits one of the account page's forms (e.g. "/account/amount") for the contribution, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string action, long contributionId,
        IDictionary<string, string>? fields = null, string pageUrl = "/account")
    {
        var page = await (await browser.GetAsync(pageUrl)).ReadHtmlAsync();
        var form = page.QuerySelector($"#contribution-{contributionId}")?.QuerySelector<IHtmlFormElement>($"form[action='{action}']")
            ?? page.QuerySelector<IHtmlFormElement>($"form[action='{action}']")
            ?? throw new InvalidOperationException($"No form for {action}.");
        return await browser.PostFormAsync(action, Forms.FieldsOf(form, fields));
    }

    /// <summary>
    /// Polls the ledger until the condition holds (webhooks arrive on their own time). A bound, not a speed check: a
    /// renewal retried through the emulator once took over 30 s at load average 40.
    /// </summary>
    public static async Task<Contribution> WaitForContributionAsync(this SupportAppFactory app, string email, Func<Contribution, bool> condition)
    {
        return await Eventually.RefAsync(async () => await app.ContributionOfAsync(email) is var c && condition(c) ? c : null,
            $"the contribution of {email} reaches the expected state", TimeSpan.FromSeconds(90));
    }
}
