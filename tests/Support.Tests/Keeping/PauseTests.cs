using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Support.Data.Supporters.Emails;
using Support.Data.Email;
using Support.Data.Supporters;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Keeping;

/// <summary>
/// Issue 16: pause for 1–3 months (pause_collection void + resumes_at), resume early, extend, and the reminder before
/// it ends; on a moved clock, so the reminder falls due without waiting months.
/// </summary>
public sealed class PauseTests(ClockedAccountApp app) : IClassFixture<ClockedAccountApp>
{
    private Subscription InStripe(string id) => app.Services.GetRequiredService<StripeClient>().V1.Subscriptions.Get(id);

    /// <summary>Stripe keeps times to the second.</summary>
    private static DateTime Seconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    [Fact]
    public async Task Pause_for_two_months_voids_the_renewal_and_the_reminder_goes_once_three_days_before_it_ends()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5");
        await app.SignInAsync(browser, email);
        var pausedAt = app.Time.GetUtcNow();

        var pause = await SubmitAsync(browser, "/account/pause", contribution.Id, new Dictionary<string, string> { ["months"] = "2" });
        var inStripe = InStripe(contribution.StripeSubscriptionId!);
        var renewal = await app.Services.GetRequiredService<StripeClient>().V1.Invoices.GetAsync(await app.Emulator.AdvanceAsync(contribution.StripeSubscriptionId!));
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var paused = await app.WaitForContributionAsync(email, c => c.Paused);
        var page = await (await browser.GetAsync("/account")).ReadHtmlAsync();
        var article = await (await browser.GetAsync(ReaderJourney.ArticlePath)).Content.ReadAsStringAsync();
        var reminder = await app.QueryAsync(db => db.EmailDispatches.AsNoTracking().SingleAsync(d => d.Email == email && d.Kind == EmailKind.PauseEnding));
        app.Time.Advance(reminder.DueAt - app.Time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        var sent = await app.WaitForSubjectAsync(email, $"Your monthly gift to The Moscow Times starts again on {Web.Keeping.KeepingEmails.Date(paused.PauseResumesAt!.Value)}");
        foreach (var stripeEvent in app.Emulator.Events.Where(e => e.Type == "customer.subscription.updated"))
        {
            await browser.PostEventAsync(stripeEvent.Payload);
        }
        var rows = await app.RunEveryJobAgainAsync(email);

        Assert.Equal("/account?done=pause", pause.Headers.Location!.ToString());
        Assert.Equal(("void", Seconds(pausedAt).AddMonths(2)), (inStripe.PauseCollection.Behavior, inStripe.PauseCollection.ResumesAt));
        Assert.Equal(("void", 0L), (renewal.Status, renewal.AmountPaid));
        Assert.Equal(ContributionStatus.Active, paused.Status);
        Assert.Equal(inStripe.PauseCollection.ResumesAt, paused.PauseResumesAt);
        Assert.Equal(paused.PauseResumesAt!.Value - TimeSpan.FromDays(3), reminder.DueAt);
        Assert.Contains("Paused until", page.QuerySelector($"#contribution-{contribution.Id} .status")!.TextContent);
        Assert.NotNull(page.QuerySelector("form[action='/account/pause/end']"));
        Assert.DoesNotContain("action=\"/support/checkout\"", article);
        Assert.Contains("$5.00", sent.TextBody);
        Assert.Single(rows, d => d.Kind == EmailKind.PauseEnding && d.Status == EmailStatus.Sent);
        Assert.Single(app.SubjectsFor(email), s => s?.StartsWith("Your monthly gift to The Moscow Times starts again", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Extended_then_resumed_pause_sends_no_reminder_and_clears_pause_collection_in_stripe()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5");
        await app.SignInAsync(browser, email);
        var start = app.Time.GetUtcNow();

        await SubmitAsync(browser, "/account/pause", contribution.Id, new Dictionary<string, string> { ["months"] = "1" });
        var extend = await SubmitAsync(browser, "/account/pause/extend", contribution.Id);
        var extended = InStripe(contribution.StripeSubscriptionId!).PauseCollection.ResumesAt;
        var tooFar = await SubmitAsync(browser, "/account/pause/extend", contribution.Id, new Dictionary<string, string> { ["months"] = "3" });
        var resume = await SubmitAsync(browser, "/account/pause/end", contribution.Id);
        var resumed = InStripe(contribution.StripeSubscriptionId!);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var after = await app.WaitForContributionAsync(email, c => !c.Paused);
        app.Time.Advance(TimeSpan.FromDays(62));
        var rows = await app.RunEveryJobAgainAsync(email);

        Assert.Equal("/account?done=extend", extend.Headers.Location!.ToString());
        Assert.Equal(Seconds(start).AddMonths(1).AddMonths(1), extended);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, tooFar.StatusCode);
        Assert.Equal("/account?done=unpause", resume.Headers.Location!.ToString());
        Assert.Null(resumed.PauseCollection);
        Assert.Null(after.PauseResumesAt);
        Assert.All(rows.Where(d => d.Kind == EmailKind.PauseEnding), d => Assert.Equal(EmailStatus.Skipped, d.Status));
        Assert.Equal(2, rows.Count(d => d.Kind == EmailKind.PauseEnding));
        Assert.DoesNotContain(app.SubjectsFor(email), s => s?.Contains("starts again", StringComparison.Ordinal) == true);
    }
}
