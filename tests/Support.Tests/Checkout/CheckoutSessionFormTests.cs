using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Stripe;
using Stripe.Checkout;
using Support.Data.Supporters;
using Support.Web.Stripe;

namespace Support.Tests.Checkout;

/// <summary>
/// The gateway's hand-written Checkout Session request must say exactly what Stripe.net sends for the same options
/// (both captured on the wire by one recording handler).
/// </summary>
public sealed class CheckoutSessionFormTests
{
    [Theory]
    [InlineData("reader@example.org", "putin-criticizes-us-counterterrorism-cooperation", 500L, null, GiftFrequency.Month)]
    [InlineData(null, "why-readers-fund-our-newsroom", 1234L, "17", GiftFrequency.Month)]
    [InlineData("a+b@example.org", "", 200L, null, GiftFrequency.Month)]
    [InlineData("annual@example.org", "why-readers-fund-our-newsroom", 12000L, null, GiftFrequency.Year)]
    [InlineData(null, "why-readers-fund-our-newsroom", 6000L, "23", GiftFrequency.Year)]
    [InlineData("once@example.org", "putin-criticizes-us-counterterrorism-cooperation", 2500L, null, GiftFrequency.Once)]
    [InlineData(null, "", 1000L, "5", GiftFrequency.Once)]
    public async Task Checkout_session_request_equals_what_stripe_net_sends_for_the_same_options(string? email, string slug, long cents,
        string? variant, GiftFrequency frequency)
    {
        var request = new CheckoutSessionRequest("prod_123", cents, "usd", email, slug,
            new Uri("http://127.0.0.1:5080/support/thanks?session_id={CHECKOUT_SESSION_ID}"),
            new Uri(slug.Length == 0 ? "http://127.0.0.1:5080/support" : $"http://127.0.0.1:5080/articles/{slug}"),
            variant, frequency);

        var wire = new RecordingHandler();
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_recording",
            HttpClient = new SystemNetHttpClient(new HttpClient(wire), maxNetworkRetries: 0, enableTelemetry: false),
        });

        var created = await new StripeGateway(client, Microsoft.Extensions.Options.Options.Create(new StripeOptions())).CreateCheckoutSessionAsync(request, "key-1", CancellationToken.None);
        await client.V1.Checkout.Sessions.CreateAsync(StripeNetOptions(request), new RequestOptions { IdempotencyKey = "key-1" });

        var (ours, stripeNet) = (wire.Requests[0], wire.Requests[1]);
        Assert.Equal(stripeNet.Path, ours.Path);
        Assert.Equal(stripeNet.ContentType, ours.ContentType);
        Assert.Equal(stripeNet.IdempotencyKey, ours.IdempotencyKey);
        Assert.Equal(Pairs(stripeNet.Body), Pairs(ours.Body));
        Assert.Equal(new CreatedCheckoutSession("cs_test_recorded", new Uri("https://checkout.example/cs_test_recorded")), created);
    }

    private sealed record Recorded(string Path, string? ContentType, string? IdempotencyKey, string Body);

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<Recorded> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new Recorded(request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentType?.ToString(),
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
                await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"id":"cs_test_recorded","object":"checkout.session","url":"https://checkout.example/cs_test_recorded"}"""),
            };
        }
    }

    /// <summary>What the gateway built with Stripe.net's option classes before the form was written directly.</summary>
    private static SessionCreateOptions StripeNetOptions(CheckoutSessionRequest request)
    {
        var frequency = request.Frequency switch { GiftFrequency.Year => "year", GiftFrequency.Once => "once", _ => "month" };
        var article = new Dictionary<string, string> { [StripeMapping.ArticleMetadataKey] = request.ArticleSlug };
        var gift = new Dictionary<string, string>(article) { [StripeMapping.FrequencyMetadataKey] = frequency };
        var metadata = new Dictionary<string, string>(gift);
        var invoice = new Dictionary<string, string>(gift);
        if (request.ExperimentVariantId is { } variant)
        {
            metadata[StripeMapping.VariantMetadataKey] = variant;
            article[StripeMapping.VariantMetadataKey] = variant;
            invoice[StripeMapping.VariantMetadataKey] = variant;
        }
        if (request.Frequency == GiftFrequency.Once)
        {
            // No payment_method_types: Checkout's dynamic payment methods (cards, wallets, Link) as the Dashboard enables them.
            return new SessionCreateOptions
            {
                Mode = "payment",
                LineItems =
                [
                    new SessionLineItemOptions
                    {
                        Quantity = 1,
                        PriceData = new SessionLineItemPriceDataOptions { Currency = request.Currency, UnitAmount = request.AmountCents, Product = request.ProductId },
                    },
                ],
                CustomerEmail = request.CustomerEmail,
                SuccessUrl = CheckoutSessionForm.SuccessUrl(request),
                CancelUrl = request.CancelUrl.ToString(),
                Metadata = metadata,
                CustomerCreation = "always",
                InvoiceCreation = new SessionInvoiceCreationOptions
                {
                    Enabled = true,
                    InvoiceData = new SessionInvoiceCreationInvoiceDataOptions { Metadata = invoice },
                },
                PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(gift) },
                SubmitType = "donate",
            };
        }
        return new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency,
                        UnitAmount = request.AmountCents,
                        Product = request.ProductId,
                        Recurring = new SessionLineItemPriceDataRecurringOptions { Interval = frequency },
                    },
                },
            ],
            CustomerEmail = request.CustomerEmail,
            SuccessUrl = CheckoutSessionForm.SuccessUrl(request),
            CancelUrl = request.CancelUrl.ToString(),
            Metadata = metadata,
            SubscriptionData = new SessionSubscriptionDataOptions { Metadata = article },
        };
    }

    private static List<string> Pairs(string form) =>
        [.. QueryHelpers.ParseQuery("?" + form).SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")).Order(StringComparer.Ordinal)];
}
