using System.Net;
using Microsoft.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Support.Data.Supporters;
using Microsoft.Extensions.DependencyInjection;
using Support.Web.Stripe;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Giving;

/// <summary>After the gift: receipts and thank-yous per frequency, the renewal notice, the account page and the yearly statement.</summary>
public sealed class GivingAccountTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    [Fact]
    public async Task One_time_gift_sends_a_one_time_thank_you_and_a_receipt_with_amount_date_frequency_and_reference()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("once");
        var gift = await app.BecomeSupporterAsync(browser, email, "25", frequency: "once");
        var payment = await app.QueryAsync(db => db.Payments.SingleAsync(p => p.ContributionId == gift.Id));

        var receipt = await WaitForSubjectAsync(email, "Your receipt from The Moscow Times: $25.00");
        var thanks = await WaitForSubjectAsync(email, "Thank you for supporting The Moscow Times");

        Assert.Contains("Thank you for your gift of $25.00.", thanks.TextBody);
        Assert.Contains("Amount: $25.00", receipt.TextBody);
        Assert.Contains($"Date: {payment.PaidAt:MMMM d, yyyy}", receipt.TextBody);
        Assert.Contains("Gift: one-time", receipt.TextBody);
        Assert.Contains($"Payment reference: {payment.InvoiceNumber}", receipt.TextBody);
    }

    [Fact]
    public async Task Annual_renewal_sends_a_second_receipt_and_queues_a_renewal_notice_thirty_days_before_it()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("annual");
        var gift = await app.BecomeSupporterAsync(browser, email, "120", frequency: "year");

        await app.Emulator.AdvanceAsync(gift.StripeSubscriptionId!);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));

        var notice = await app.QueryAsync(db => db.EmailDispatches.SingleAsync(d => d.Email == email && d.Kind == EmailKind.RenewalNotice));
        Assert.Equal(GiftFrequency.Year, notice.Frequency);
        Assert.Equal(12000, notice.AmountCents);
        Assert.Equal(notice.EffectiveAt!.Value - TimeSpan.FromDays(30), notice.DueAt);
        var receipts = await app.QueryAsync(db => db.EmailDispatches.CountAsync(d => d.Email == email && d.Kind == EmailKind.Receipt));
        Assert.Equal(2, receipts);
    }

    [Fact]
    public async Task Monthly_renewal_announced_by_invoice_upcoming_queues_no_renewal_notice()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("monthly");
        var gift = await app.BecomeSupporterAsync(browser, email, "5");

        await app.Emulator.AdvanceAsync(gift.StripeSubscriptionId!);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(app.Emulator.Events, e => e.Type == "invoice.upcoming");
        Assert.False(await app.QueryAsync(db => db.EmailDispatches.AnyAsync(d => d.Email == email && d.Kind == EmailKind.RenewalNotice)));
    }

    [Fact]
    public async Task Account_lists_one_time_and_annual_gifts_and_the_yearly_statement_has_every_payment()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("both");
        await new ReaderJourney(browser).GiveAsync("once", "10", email);
        // The one-time giver's browser no longer shows the prompt: the annual gift comes from another device.
        using (var phone = app.CreateBrowserClient())
        {
            await new ReaderJourney(phone).GiveAsync("year", "60", email);
        }
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        await app.SignInAsync(browser, email);

        var page = await browser.GetStringAsync("/account");
        Assert.Contains("$10.00 once", page);
        Assert.Contains("$60.00 a year", page);
        Assert.Contains("New annual amount", page);
        var year = DateTime.UtcNow.Year;
        Assert.Contains($"/account/statement?year={year}", page);

        var statement = await browser.GetAsync($"/account/statement?year={year}");
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Equal($"statement-{year}.txt", statement.Content.Headers.ContentDisposition?.FileName);
        var text = await statement.Content.ReadAsStringAsync();
        Assert.Contains("$10.00  one-time gift", text);
        Assert.Contains("$60.00  annual gift", text);
        Assert.Contains($"Total given in {year}: $70.00 (2 payments, after refunds)", text);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1999")]
    [InlineData("")]
    public async Task Statement_for_a_year_that_is_not_one_is_a_clear_400(string year)
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("statement");
        await app.BecomeSupporterAsync(browser, email, "10", frequency: "once");
        await app.SignInAsync(browser, email);

        var response = await browser.GetAsync($"/account/statement?year={year}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A statement covers one calendar year", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Annual_supporter_changes_the_amount_cancels_and_resumes_and_the_gift_stays_annual()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail("annual-change");
        var gift = await app.BecomeSupporterAsync(browser, email, "60", frequency: "year");
        await app.SignInAsync(browser, email);

        var refused = await SubmitAsync(browser, "/account/amount", gift.Id, new Dictionary<string, string> { ["amount"] = "10" });
        Assert.Contains("The smallest annual amount is $24.00.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.SeeOther, (await SubmitAsync(browser, "/account/amount", gift.Id, new Dictionary<string, string> { ["amount"] = "100" })).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await SubmitAsync(browser, "/account/cancel", gift.Id, pageUrl: $"/account/leave?contributionId={gift.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await SubmitAsync(browser, "/account/resume", gift.Id)).StatusCode);

        var stripe = await app.Services.GetRequiredService<IStripeGateway>().GetSubscriptionAsync(gift.StripeSubscriptionId!, default);
        Assert.Equal((10000L, GiftFrequency.Year, false), (stripe!.AmountCents, stripe.Frequency, stripe.CancelAtPeriodEnd));
        var mirrored = await app.WaitForContributionAsync(email, c => c.AmountCents == 10000 && !c.CancelAtPeriodEnd);
        Assert.Equal(GiftFrequency.Year, mirrored.Frequency);
    }

    private async Task<MimeKit.MimeMessage> WaitForSubjectAsync(string email, string subject)
    {
        await Eventually.TrueAsync(() => Task.FromResult(app.Smtp.For(email).Any(m => m.Subject == subject)), $"an email \"{subject}\" to {email}");
        return app.Smtp.For(email).First(m => m.Subject == subject);
    }
}
