using Microsoft.EntityFrameworkCore;
using Support.Data.Keeping;
using Support.Tests.Account;
using Support.Tests.Infrastructure;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Keeping;

/// <summary>Issue 16: one offer before cancelling, the cancel button always beside it, and what the supporter chose recorded.</summary>
public sealed class SaveOfferTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    [Fact]
    public async Task Accepted_offer_lowers_the_amount_to_the_suggested_one_and_is_recorded_as_accepted()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "10");
        await app.SignInAsync(browser, email);
        var leave = $"/account/leave?contributionId={contribution.Id}";

        var page = await (await browser.GetAsync(leave)).ReadHtmlAsync();
        var accepted = await SubmitAsync(browser, "/account/offer/accept", contribution.Id, pageUrl: leave);
        var after = await app.ContributionOfAsync(email);
        var offers = await app.QueryAsync(db => db.SaveOffers.AsNoTracking().Where(o => o.ContributionId == contribution.Id).ToListAsync());

        Assert.Contains("Give $5.00 a month instead", page.QuerySelector("#save-offer")!.TextContent);
        Assert.NotNull(page.QuerySelector("#cancel form[action='/account/cancel'] button[type='submit']"));
        Assert.Equal("/account?done=offer-amount", accepted.Headers.Location!.ToString());
        Assert.Equal(500, after.AmountCents);
        Assert.False(after.CancelAtPeriodEnd);
        var offer = Assert.Single(offers);
        Assert.Equal((SaveOfferKind.LowerAmount, 500L, SaveOfferOutcome.Accepted), (offer.Kind, offer.SuggestedAmountCents, offer.Outcome));
    }

    [Fact]
    public async Task Annual_gift_is_offered_a_lower_annual_amount_never_below_the_annual_minimum_and_never_a_pause()
    {
        using var browser = app.CreateBrowserClient();
        using var other = app.CreateBrowserClient();
        var (email, otherEmail) = (NewEmail(), NewEmail());
        var larger = await app.BecomeSupporterAsync(browser, email, "60", frequency: "year");
        var smallest = await app.BecomeSupporterAsync(other, otherEmail, "24", frequency: "year");
        await app.SignInAsync(browser, email);
        await app.SignInAsync(other, otherEmail);

        var lower = await (await browser.GetAsync($"/account/leave?contributionId={larger.Id}")).ReadHtmlAsync();
        var none = await (await other.GetAsync($"/account/leave?contributionId={smallest.Id}")).ReadHtmlAsync();
        var account = await (await browser.GetAsync("/account")).ReadHtmlAsync();

        Assert.Contains("Cancel your annual gift of $60.00", lower.QuerySelector("h1")!.TextContent);
        Assert.Contains("Give $30.00 a year instead", lower.QuerySelector("#save-offer")!.TextContent);
        Assert.Null(none.QuerySelector("#save-offer"));
        Assert.NotNull(none.QuerySelector("#cancel form[action='/account/cancel']"));
        Assert.Null(account.QuerySelector($"#contribution-{larger.Id} form.pause"));
    }

    [Fact]
    public async Task Refused_offer_cancels_in_one_more_click_and_is_recorded_as_cancelled_after_the_offer()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "10");
        await app.SignInAsync(browser, email);
        var leave = $"/account/leave?contributionId={contribution.Id}";

        await browser.GetAsync(leave);
        var cancelled = await SubmitAsync(browser, "/account/cancel", contribution.Id, new Dictionary<string, string> { ["reason"] = "Money is tight" }, leave);
        var after = await app.ContributionOfAsync(email);
        var offer = await app.QueryAsync(db => db.SaveOffers.AsNoTracking().SingleAsync(o => o.ContributionId == contribution.Id));

        Assert.Equal("/account?done=cancel", cancelled.Headers.Location!.ToString());
        Assert.True(after.CancelAtPeriodEnd);
        Assert.Equal(1000, after.AmountCents);
        Assert.Equal("Money is tight", after.CancellationReason);
        Assert.Equal(SaveOfferOutcome.Cancelled, offer.Outcome);
    }

    [Fact]
    public async Task At_the_minimum_amount_the_offer_is_a_pause_and_a_reload_is_the_same_offer()
    {
        using var browser = app.CreateBrowserClient();
        var email = NewEmail();
        var contribution = await app.BecomeSupporterAsync(browser, email, "2");
        await app.SignInAsync(browser, email);
        var leave = $"/account/leave?contributionId={contribution.Id}";

        await browser.GetAsync(leave);
        var page = await (await browser.GetAsync(leave)).ReadHtmlAsync();
        var accepted = await SubmitAsync(browser, "/account/offer/accept", contribution.Id, pageUrl: leave);
        var after = await app.ContributionOfAsync(email);
        var offer = await app.QueryAsync(db => db.SaveOffers.AsNoTracking().SingleAsync(o => o.ContributionId == contribution.Id));

        Assert.Contains("Pause for a month instead", page.QuerySelector("#save-offer")!.TextContent);
        Assert.Equal("/account?done=offer-pause", accepted.Headers.Location!.ToString());
        Assert.True(after.Paused);
        Assert.Equal((SaveOfferKind.Pause, SaveOfferOutcome.Accepted), (offer.Kind, offer.Outcome));
    }
}
