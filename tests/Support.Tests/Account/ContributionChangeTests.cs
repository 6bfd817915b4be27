using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Support.Tests.Infrastructure;
using Support.Web.Stripe;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

public sealed class ContributionChangeTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    private IStripeGateway Stripe => app.Services.GetRequiredService<IStripeGateway>();

    [Theory]
    [InlineData("1.99")]
    [InlineData("1000.01")]
    [InlineData("7.505")]
    [InlineData("seven")]
    public async Task Amount_outside_the_checkout_rules_is_refused_and_nothing_changes(string amount)
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5");
        await app.SignInAsync(browser, email);

        var response = await SubmitAsync(browser, "/account/amount", contribution.Id, new Dictionary<string, string> { ["amount"] = amount });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull((await response.ReadHtmlAsync()).QuerySelector($"#contribution-{contribution.Id} .error"));
        Assert.Equal(500, (await Stripe.GetSubscriptionAsync(contribution.StripeSubscriptionId!, default))!.AmountCents);
        Assert.Equal(500, (await app.ContributionOfAsync(email)).AmountCents);
    }

    [Theory]
    [InlineData("2", 200)]
    [InlineData("7", 700)]
    [InlineData("1000", 100_000)]
    public async Task Amount_within_the_rules_changes_the_subscription_in_stripe_and_in_the_ledger(string amount, long cents)
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "5");
        await app.SignInAsync(browser, email);

        var response = await SubmitAsync(browser, "/account/amount", contribution.Id, new Dictionary<string, string> { ["amount"] = amount });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/account?done=amount", response.Headers.Location!.OriginalString);
        Assert.Equal(cents, (await Stripe.GetSubscriptionAsync(contribution.StripeSubscriptionId!, default))!.AmountCents);
        await app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(cents, (await app.ContributionOfAsync(email)).AmountCents);
        var page = await (await browser.GetAsync(response.Headers.Location)).ReadHtmlAsync();
        Assert.Contains("new amount is saved", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains($"{Support.Web.Shared.Money.Format(cents, "usd")} a month", page.Body!.TextContent);
    }

    [Fact]
    public async Task Cancel_at_period_end_keeps_the_reason_and_resume_takes_it_back()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email);
        await app.SignInAsync(browser, email);

        var cancel = await SubmitAsync(browser, "/account/cancel", contribution.Id, new Dictionary<string, string> { ["reason"] = "Moving abroad" }, $"/account/leave?contributionId={contribution.Id}");

        Assert.Equal(HttpStatusCode.SeeOther, cancel.StatusCode);
        Assert.True((await Stripe.GetSubscriptionAsync(contribution.StripeSubscriptionId!, default))!.CancelAtPeriodEnd);
        var cancelled = await app.WaitForContributionAsync(email, c => c.CancelAtPeriodEnd);
        Assert.Equal("Moving abroad", cancelled.CancellationReason);
        Assert.NotNull(cancelled.CancelRequestedAt);
        var page = await (await browser.GetAsync("/account")).ReadHtmlAsync();
        Assert.Contains("cancels at the end of this period", page.QuerySelector(".status")!.TextContent);
        Assert.NotNull(page.QuerySelector("form[action='/account/resume']"));

        var resume = await SubmitAsync(browser, "/account/resume", contribution.Id);

        Assert.Equal(HttpStatusCode.SeeOther, resume.StatusCode);
        Assert.False((await Stripe.GetSubscriptionAsync(contribution.StripeSubscriptionId!, default))!.CancelAtPeriodEnd);
        var resumed = await app.WaitForContributionAsync(email, c => !c.CancelAtPeriodEnd);
        Assert.Null(resumed.CancellationReason);
        Assert.Null(resumed.CancelRequestedAt);
    }

    [Fact]
    public async Task Update_card_opens_the_stripe_customer_portal_that_returns_to_the_account()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email);
        await app.SignInAsync(browser, email);

        var response = await SubmitAsync(browser, "/account/card", contribution.Id);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("/stripe-emulator/portal/", response.Headers.Location!.ToString());
        var portal = await (await browser.GetAsync(response.Headers.Location)).ReadHtmlAsync();
        Assert.EndsWith("/account", portal.QuerySelector("a[href$='/account']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Another_supporters_contribution_cannot_be_changed()
    {
        using var browser = app.CreateBrowserClient();
        var victim = await app.BecomeSupporterAsync(browser, NewEmail("victim"));
        using var attacker = app.CreateBrowserClient();
        var mine = await app.BecomeSupporterAsync(attacker, NewEmail("attacker"));
        await app.SignInAsync(attacker, mine.Supporter.Email!);

        var response = await SubmitAsync(attacker, "/account/amount", mine.Id, new Dictionary<string, string>
        {
            ["contributionId"] = victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["amount"] = "2",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(500, (await Stripe.GetSubscriptionAsync(victim.StripeSubscriptionId!, default))!.AmountCents);
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_refused()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email);
        await app.SignInAsync(browser, email);

        var response = await browser.PostFormAsync("/account/amount", new Dictionary<string, string>
        {
            ["contributionId"] = contribution.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["amount"] = "9",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(500, (await Stripe.GetSubscriptionAsync(contribution.StripeSubscriptionId!, default))!.AmountCents);
    }
}
