using System.Net;
using System.Text.Json;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>The emulator refuses what Stripe refuses, with Stripe's error types and codes.</summary>
public sealed class RefusalTests
{
    [Fact]
    public async Task Unknown_parameter_is_400_parameter_unknown_in_stripes_words()
    {
        await using var host = await EmulatorHost.StartAsync();

        using var response = await host.Http.SendAsync(Post(host, "/stripe-emulator/v1/products", "name=Support&colour=blue"));
        var error = await ErrorOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("parameter_unknown", error.GetProperty("code").GetString());
        Assert.Equal("colour", error.GetProperty("param").GetString());
        Assert.Equal("Received unknown parameter: colour", error.GetProperty("message").GetString());
        Assert.Equal("https://stripe.com/docs/error-codes/parameter-unknown", error.GetProperty("doc_url").GetString());
    }

    [Fact]
    public async Task Unknown_nested_parameter_names_its_full_key()
    {
        await using var host = await EmulatorHost.StartAsync();
        var options = EmulatorHost.MonthlySession(await host.CreateProductAsync(), 500);
        options.AddExtraParam("line_items[0][price_data][colour]", "blue");

        var error = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Checkout.Sessions.CreateAsync(options));

        Assert.Equal(("parameter_unknown", "line_items[0][price_data][colour]"), (error.StripeError.Code, error.StripeError.Param));
    }

    [Fact]
    public async Task Parameter_stripe_knows_but_the_emulator_does_not_model_is_refused_not_ignored()
    {
        await using var host = await EmulatorHost.StartAsync();
        var options = EmulatorHost.MonthlySession(await host.CreateProductAsync(), 500);
        options.AllowPromotionCodes = true;

        var error = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Checkout.Sessions.CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Null(error.StripeError.Code);
        Assert.Equal("allow_promotion_codes", error.StripeError.Param);
        Assert.Contains("does not implement", error.Message);
    }

    [Fact]
    public async Task Value_outside_stripes_enum_names_the_choices()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId,
            new SubscriptionUpdateOptions { ProrationBehavior = "sometimes" }));

        Assert.Equal("Invalid proration_behavior: must be one of always_invoice, create_prorations, or none", error.Message);
        Assert.Equal("proration_behavior", error.StripeError.Param);
    }

    [Theory]
    [InlineData("mode=subscription&line_items[0][quantity]=1", "parameter_missing", "success_url")]
    [InlineData("mode=subscription&success_url=", "parameter_invalid_empty", "success_url")]
    [InlineData("mode=subscription&success_url=https://x.example&customer=cus_1&customer_email=a@example.org", "parameters_exclusive", "customer_email")]
    public async Task Bad_values_get_stripes_error_codes(string form, string code, string param)
    {
        await using var host = await EmulatorHost.StartAsync();

        using var response = await host.Http.SendAsync(Post(host, "/stripe-emulator/v1/checkout/sessions", form));
        var error = await ErrorOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((code, param), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task Integer_parameter_that_is_not_a_number_is_parameter_invalid_integer()
    {
        await using var host = await EmulatorHost.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/stripe-emulator/v1/invoices?limit=ten");
        request.Headers.Authorization = new("Bearer", "sk_test_emulator");

        using var response = await host.Http.SendAsync(request);
        var error = await ErrorOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("parameter_invalid_integer", "limit"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task Reused_idempotency_key_with_other_parameters_is_an_idempotency_error()
    {
        await using var host = await EmulatorHost.StartAsync();
        var key = new RequestOptions { IdempotencyKey = "product-once" };
        await host.Stripe.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Monthly support" }, key);

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            host.Stripe.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Annual support" }, key));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
        Assert.Contains("'product-once'", error.Message);
    }

    [Fact]
    public async Task A_refused_request_saves_nothing_so_the_corrected_retry_may_reuse_its_key()
    {
        await using var host = await EmulatorHost.StartAsync();
        var key = new RequestOptions { IdempotencyKey = "product-fixed" };
        var wrong = new ProductCreateOptions { Name = "Support" };
        wrong.AddExtraParam("colour", "blue");

        await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Products.CreateAsync(wrong, key));
        var product = await host.Stripe.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Support" }, key);

        Assert.StartsWith("prod_", product.Id);
    }

    [Fact]
    public async Task Unknown_url_is_404_in_stripes_error_shape()
    {
        await using var host = await EmulatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Coupons.GetAsync("co_x"));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.StartsWith("Unrecognized request URL", error.Message);
    }

    private static HttpRequestMessage Post(EmulatorHost host, string path, string form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Bearer", "sk_test_emulator");
        return request;
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
}
