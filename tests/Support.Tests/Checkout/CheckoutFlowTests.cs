using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;

namespace Support.Tests.Checkout;

public sealed class CheckoutFlowTests : IClassFixture<SupportAppFactory>
{
    private readonly SupportAppFactory _app;

    public CheckoutFlowTests(SupportAppFactory app) => _app = app;

    [Fact]
    public async Task Five_dollar_gift_through_the_emulator_records_one_supporter_with_an_active_contribution_and_a_paid_payment()
    {
        using var browser = _app.CreateBrowserClient();
        var journey = new ReaderJourney(browser);

        var done = await journey.GiveMonthlyAsync("5", "Reader.One@Example.org");

        Assert.Equal(HttpStatusCode.OK, done.ThanksResponse.StatusCode);
        Assert.Contains("$5.00 every month", done.ThanksHtml);
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));

        var supporter = await _app.QueryAsync(db => db.Supporters.Include(s => s.Contributions).ThenInclude(c => c.Payments)
            .SingleAsync(s => s.Email == "reader.one@example.org"));
        var contribution = Assert.Single(supporter.Contributions);
        Assert.Equal(500, contribution.AmountCents);
        Assert.Equal("usd", contribution.Currency);
        Assert.Equal(ContributionStatus.Active, contribution.Status);
        Assert.Equal(ReaderJourney.ArticleSlug, contribution.ArticleSlug);
        var payment = Assert.Single(contribution.Payments);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.Equal(500, payment.AmountCents);
        Assert.NotNull(payment.PaidAt);
    }

    [Fact]
    public async Task After_the_thank_you_page_the_next_article_shows_no_prompt()
    {
        using var browser = _app.CreateBrowserClient();
        var journey = new ReaderJourney(browser);
        await journey.GiveMonthlyAsync("7.50", "reader.two@example.org");

        var next = await browser.GetStringAsync("/articles/why-readers-fund-our-newsroom");

        Assert.DoesNotContain("support-prompt", next);
        Assert.Contains("Why Readers Fund Our Newsroom", next);
    }

    [Fact]
    public async Task Declined_card_creates_no_supporter_and_keeps_the_reader_on_the_payment_page()
    {
        using var browser = _app.CreateBrowserClient();
        var journey = new ReaderJourney(browser);
        var checkout = await journey.SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5", ["email"] = "declined@example.org" });

        var payment = await journey.PayAsync(checkout.Headers.Location!, "declined@example.org", "4000 0000 0000 0002");

        Assert.Equal(HttpStatusCode.PaymentRequired, payment.StatusCode);
        Assert.Contains("Your card was declined.", await payment.Content.ReadAsStringAsync());
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        Assert.False(await _app.QueryAsync(db => db.Supporters.AnyAsync(s => s.Email == "declined@example.org")));
    }

    [Fact]
    public async Task Thank_you_page_without_a_session_id_is_a_clear_400()
    {
        using var browser = _app.CreateBrowserClient();
        var response = await browser.GetAsync("/support/thanks");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link is incomplete", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Thank_you_page_for_an_unknown_session_is_a_friendly_404_and_sets_no_cookie()
    {
        using var browser = _app.CreateBrowserClient();
        var response = await browser.GetAsync("/support/thanks?session_id=cs_test_unknown");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("support-prompt", await browser.GetStringAsync(ReaderJourney.ArticlePath));
    }

    [Fact]
    public async Task Cancel_url_of_the_session_returns_the_reader_to_the_article()
    {
        using var browser = _app.CreateBrowserClient();
        var journey = new ReaderJourney(browser);
        var checkout = await journey.SubmitPromptAsync(new Dictionary<string, string> { ["amount"] = "5" });

        var page = await (await browser.GetAsync(checkout.Headers.Location!)).ReadHtmlAsync();
        var back = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Single(h => h!.Contains("/articles/"));

        Assert.Equal(new Uri(_app.BaseAddress, ReaderJourney.ArticlePath), new Uri(back!));
    }

    [Fact]
    public async Task Every_gift_is_priced_on_the_same_stripe_product()
    {
        foreach (var email in new[] { "product.one@example.org", "product.two@example.org" })
        {
            using var browser = _app.CreateBrowserClient();
            await new ReaderJourney(browser).GiveMonthlyAsync("3", email);
        }
        await _app.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(20));
        var subscriptionIds = await _app.QueryAsync(db => db.Contributions
            .Where(c => c.Supporter.Email!.StartsWith("product.")).Select(c => c.StripeSubscriptionId).ToListAsync());
        var stripe = _app.Services.GetRequiredService<global::Stripe.StripeClient>();

        var products = new HashSet<string>();
        foreach (var id in subscriptionIds)
        {
            var subscription = await stripe.V1.Subscriptions.GetAsync(id);
            products.Add(subscription.Items.Data.Single().Price.ProductId);
        }

        Assert.Equal(2, subscriptionIds.Count);
        Assert.Single(products);
    }
}
