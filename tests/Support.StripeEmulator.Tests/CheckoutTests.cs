using System.Net;
using Stripe;

namespace Support.StripeEmulator.Tests;

public sealed class CheckoutTests
{
    [Fact]
    public async Task Checkout_page_shows_banner_amount_and_labelled_fields()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.CreateSessionAsync(unitAmount: 500);

        var html = await host.Http.GetStringAsync(session.Url);

        Assert.Contains("Stripe test emulator — no real payment is taken", html);
        Assert.Contains("$5.00 per month", html);
        Assert.Contains("value=\"reader@example.com\"", html);
        foreach (var field in new[] { "email", "cardNumber", "expiry", "cvc", "name" })
        {
            Assert.Contains($"<label for=\"{field}\">", html);
            Assert.Contains($"name=\"{field}\"", html);
        }
        Assert.Contains("<a href=\"https://support.example/give\">Back</a>", html);
    }

    [Fact]
    public async Task Paying_with_4242_redirects_to_success_url_and_creates_the_subscription()
    {
        await using var host = await EmulatorHost.StartAsync();
        var created = await host.CreateSessionAsync(unitAmount: 500);

        using var response = await host.PayAsync(created.Id, "4242 4242 4242 4242");
        var session = await host.Stripe.V1.Checkout.Sessions.GetAsync(created.Id);
        var subscription = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId,
            new SubscriptionGetOptions { Expand = ["customer"] });
        var invoice = await host.Stripe.V1.Invoices.GetAsync(subscription.LatestInvoiceId);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"https://support.example/thanks?session={created.Id}", response.Headers.Location!.ToString());
        Assert.Equal(("complete", "paid"), (session.Status, session.PaymentStatus));
        Assert.Equal("reader@example.com", session.CustomerDetails.Email);
        Assert.Equal("active", subscription.Status);
        Assert.Equal("reader@example.com", subscription.Customer.Email);
        Assert.Equal("42", subscription.Metadata["supporter"]);
        var item = Assert.Single(subscription.Items.Data);
        Assert.Equal(500, item.Price.UnitAmount);
        Assert.Equal(item.CurrentPeriodStart.AddMonths(1), item.CurrentPeriodEnd);
        Assert.Equal(("paid", 500L, "subscription_create"), (invoice.Status, invoice.AmountPaid, invoice.BillingReason));
        Assert.Equal(subscription.Id, invoice.Parent.SubscriptionDetails.SubscriptionId);
        Assert.Equal("42", invoice.Parent.SubscriptionDetails.Metadata["supporter"]);
        Assert.NotNull(invoice.StatusTransitions.PaidAt);
    }

    [Fact]
    public async Task Paying_delivers_the_checkout_events_signed_and_in_order()
    {
        await using var host = await EmulatorHost.StartAsync();

        var session = await host.SubscribeAsync();

        Assert.Equal(EmulatorHost.SubscriptionCheckoutEvents, host.ReceivedTypes());
        var completed = (Stripe.Checkout.Session)host.Received.Single(e => e.Type == "checkout.session.completed").Data.Object;
        Assert.Equal(session.SubscriptionId, completed.SubscriptionId);
        Assert.Equal(StripeConfiguration.ApiVersion, host.Received.First().ApiVersion);
        Assert.Equal(host.Emulator.Events.Select(e => e.Id), host.Received.Select(e => e.Id));
    }

    [Fact]
    public async Task Declined_card_rerenders_with_402_and_creates_nothing()
    {
        await using var host = await EmulatorHost.StartAsync();
        var created = await host.CreateSessionAsync();

        using var response = await host.PayAsync(created.Id, "4000 0000 0000 0002");
        var html = await response.Content.ReadAsStringAsync();
        var session = await host.Stripe.V1.Checkout.Sessions.GetAsync(created.Id);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Contains("Your card was declined.", html);
        Assert.Equal("open", session.Status);
        Assert.Null(session.SubscriptionId);
        Assert.Empty(host.Emulator.Events);
    }

    [Theory]
    [InlineData("1234 5678 9012 3456", "reader@example.com", "Use a test card such as 4242 4242 4242 4242.")]
    [InlineData("4242 4242 4242 4242", "not-an-email", "Enter a valid email address")]
    [InlineData("4242 4242 4242 4242", "", "Enter a valid email address")]
    public async Task Unknown_card_or_bad_email_is_400_with_a_message(string card, string email, string message)
    {
        await using var host = await EmulatorHost.StartAsync();
        var created = await host.CreateSessionAsync();

        using var response = await host.PayAsync(created.Id, card, email);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Emulator.Events);
    }

    [Fact]
    public async Task Completed_session_page_says_already_paid()
    {
        await using var host = await EmulatorHost.StartAsync();
        var created = await host.CreateSessionAsync();
        using var paid = await host.PayAsync(created.Id, "4242424242424242");

        var html = await host.Http.GetStringAsync($"/stripe-emulator/checkout/{created.Id}");

        Assert.Contains("already paid", html);
        Assert.Contains($"https://support.example/thanks?session={created.Id}", html);
    }

    [Fact]
    public async Task Expired_session_cannot_be_paid()
    {
        await using var host = await EmulatorHost.StartAsync();
        var created = await host.CreateSessionAsync();

        var expired = await host.Stripe.V1.Checkout.Sessions.ExpireAsync(created.Id);
        using var response = await host.PayAsync(created.Id, "4242424242424242");

        Assert.Equal("expired", expired.Status);
        Assert.Null(expired.Url);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Emulator.Events);
    }
}
