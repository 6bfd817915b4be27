using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using Support.Tests.Reminders;
using Support.Web.Stripe;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

public sealed class PersonalDataTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    [Fact]
    public async Task Export_is_a_json_download_of_the_supporters_contributions_payments_and_reminders()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5");
        await ReminderTestData.SignUpAsync(browser, "1w", email);
        await app.SignInAsync(browser, email);

        var response = await browser.GetAsync("/account/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(email, root.GetProperty("email").GetString());
        var exported = root.GetProperty("supporters")[0].GetProperty("contributions")[0];
        Assert.Equal(contribution.StripeSubscriptionId, exported.GetProperty("stripeSubscriptionId").GetString());
        Assert.Equal(500, exported.GetProperty("payments")[0].GetProperty("amountCents").GetInt64());
        Assert.Equal(1, root.GetProperty("reminders").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_the_account_cancels_in_stripe_erases_personal_data_keeps_amounts_and_signs_out()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5");
        await ReminderTestData.SignUpAsync(browser, "1w", email);
        await app.SignInAsync(browser, email);
        var confirm = await (await browser.GetAsync("/account/delete")).ReadHtmlAsync();

        var deleted = await browser.PostFormAsync("/account/delete",
            Forms.FieldsOf(confirm.QuerySelector<IHtmlFormElement>("form[action='/account/delete']")!));

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var stripe = app.Services.GetRequiredService<IStripeGateway>();
        Assert.Equal("canceled", (await stripe.GetSubscriptionAsync(contribution.StripeSubscriptionId!, default))!.Status);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        var supporter = await app.QueryAsync(db => db.Supporters.AsNoTracking().SingleAsync(s => s.Id == contribution.SupporterId));
        Assert.Null(supporter.Email);
        Assert.NotNull(supporter.ErasedAt);
        Assert.Equal(contribution.Supporter.StripeCustomerId, supporter.StripeCustomerId);
        Assert.Equal(500, await app.QueryAsync(db => db.Payments.Where(p => p.ContributionId == contribution.Id).SumAsync(p => p.AmountCents)));
        Assert.Empty(await app.RemindersForAsync(email));
        Assert.False(await app.QueryAsync(db => db.SignInTokens.AnyAsync(t => t.Email == email)));
        Assert.False(await app.QueryAsync(db => db.EmailDispatches.AnyAsync(d => d.Email == email)));
        var account = await (await browser.GetAsync("/account")).ReadHtmlAsync();
        Assert.NotNull(account.QuerySelector("form[action='/account/signin']"));

        var mailBefore = app.Smtp.For(email).Count;
        var lastRow = await app.LastEmailRowIdAsync();
        await RequestLinkAsync(browser, email);
        // The link's row is settled (skipped: no supporter has the address now), so no sender can still send it.
        await app.WaitForEmailRowsSettledAsync(lastRow, atLeast: 1);
        Assert.Equal(mailBefore, app.Smtp.For(email).Count);
    }
}
