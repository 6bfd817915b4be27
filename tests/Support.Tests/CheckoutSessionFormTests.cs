using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Stripe;
using Stripe.Checkout;
using Support.Web.Stripe;

namespace Support.Tests;

/// <summary>
/// The gateway's hand-written Checkout Session request must say exactly what Stripe.net sends for the same options
/// (both captured on the wire by one recording handler).
/// </summary>
public sealed class CheckoutSessionFormTests
{
    [Theory]
    [InlineData("reader@example.org", "putin-criticizes-us-counterterrorism-cooperation", 500L, null)]
    [InlineData(null, "why-readers-fund-our-newsroom", 1234L, "17")]
    [InlineData("a+b@example.org", "", 200L, null)]
    public async Task Checkout_session_request_equals_what_stripe_net_sends_for_the_same_options(string? email, string slug, long cents, string? variant)
    {
        var request = new CheckoutSessionRequest("prod_123", cents, "usd", email, slug,
            new Uri("http://127.0.0.1:5080/support/thanks?session_id={CHECKOUT_SESSION_ID}"),
            new Uri(slug.Length == 0 ? "http://127.0.0.1:5080/support" : $"http://127.0.0.1:5080/articles/{slug}"),
            variant);

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
        var metadata = new Dictionary<string, string> { [StripeMapping.ArticleMetadataKey] = request.ArticleSlug };
        if (request.ExperimentVariantId is { } variant)
        {
            metadata[StripeMapping.VariantMetadataKey] = variant;
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
                        Recurring = new SessionLineItemPriceDataRecurringOptions { Interval = "month" },
                    },
                },
            ],
            CustomerEmail = request.CustomerEmail,
            SuccessUrl = CheckoutSessionForm.SuccessUrl(request),
            CancelUrl = request.CancelUrl.ToString(),
            Metadata = metadata,
            SubscriptionData = new SessionSubscriptionDataOptions { Metadata = new Dictionary<string, string>(metadata) },
        };
    }

    private static List<string> Pairs(string form) =>
        [.. QueryHelpers.ParseQuery("?" + form).SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")).Order(StringComparer.Ordinal)];
}
