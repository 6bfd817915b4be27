using System.Net;
using System.Text.Json;
using Stripe;

namespace Support.StripeEmulator.Tests;

public sealed class ApiTests
{
    [Fact]
    public async Task Product_created_through_stripe_net_is_retrievable()
    {
        await using var host = await EmulatorHost.StartAsync();

        var created = await host.Stripe.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Reader support" });
        var fetched = await host.Stripe.V1.Products.GetAsync(created.Id);

        Assert.StartsWith("prod_", created.Id);
        Assert.Equal("Reader support", fetched.Name);
    }

    [Fact]
    public async Task Checkout_session_created_through_stripe_net_is_retrievable()
    {
        await using var host = await EmulatorHost.StartAsync();

        var created = await host.CreateSessionAsync(unitAmount: 500);
        var fetched = await host.Stripe.V1.Checkout.Sessions.GetAsync(created.Id);

        Assert.StartsWith("cs_test_", created.Id);
        Assert.Equal($"{host.BaseUrl.ToString().TrimEnd('/')}/stripe-emulator/checkout/{created.Id}", created.Url);
        Assert.Equal("open", fetched.Status);
        Assert.Equal("unpaid", fetched.PaymentStatus);
        Assert.Equal(500, fetched.AmountTotal);
        Assert.Equal("usd", fetched.Currency);
        Assert.Equal("reader@example.com", fetched.CustomerEmail);
        Assert.Equal("42", fetched.Metadata["supporter"]);
        Assert.Equal("https://support.example/give", fetched.CancelUrl);
    }

    [Fact]
    public async Task Same_idempotency_key_replays_the_first_session()
    {
        await using var host = await EmulatorHost.StartAsync();
        var options = new RequestOptions { IdempotencyKey = "checkout-supporter-42" };
        var session = EmulatorHost.MonthlySession(await host.CreateProductAsync(), 500);

        var first = await host.Stripe.V1.Checkout.Sessions.CreateAsync(session, options);
        var second = await host.Stripe.V1.Checkout.Sessions.CreateAsync(session, options);

        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task Request_without_api_key_is_401_with_stripe_error()
    {
        await using var host = await EmulatorHost.StartAsync();

        using var response = await host.Http.GetAsync("/stripe-emulator/v1/products/prod_x");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Live_api_key_is_refused_with_401_stripe_exception()
    {
        await using var host = await EmulatorHost.StartAsync();
        var client = host.CreateClient("sk_live_not_for_the_emulator");

        var error = await Assert.ThrowsAsync<StripeException>(() => client.V1.Products.GetAsync("prod_x"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
    }

    [Fact]
    public async Task Unknown_subscription_is_404_resource_missing()
    {
        await using var host = await EmulatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Subscriptions.GetAsync("sub_missing"));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal("resource_missing", error.StripeError.Code);
    }

    [Fact]
    public async Task Checkout_without_success_url_is_400_naming_the_param()
    {
        await using var host = await EmulatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Checkout.Sessions.CreateAsync(
            new Stripe.Checkout.SessionCreateOptions { Mode = "subscription" }));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("success_url", error.StripeError.Param);
    }

    [Fact]
    public async Task Portal_session_page_is_labelled_and_links_back()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();

        var portal = await host.Stripe.V1.BillingPortal.Sessions.CreateAsync(new Stripe.BillingPortal.SessionCreateOptions
        {
            Customer = session.CustomerId,
            ReturnUrl = "https://support.example/account",
        });
        var html = await host.Http.GetStringAsync(portal.Url);

        Assert.StartsWith("bps_", portal.Id);
        Assert.Contains("Stripe test emulator", html);
        Assert.Contains("<a href=\"https://support.example/account\">Return to site</a>", html);
    }
}
