using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stripe;
using Stripe.Checkout;

namespace Support.StripeEmulator.Tests;

/// <summary>
/// A real Kestrel app on a loopback port with the emulator mapped in, plus a webhook receiver that verifies
/// signatures the way the Support app does; the real Stripe.net client talks to it.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_emulator_tests";

    private readonly WebApplication _app;
    private int _failuresLeft;

    private EmulatorHost(WebApplication app, int failFirstDeliveries)
    {
        _app = app;
        _failuresLeft = failFirstDeliveries;
        BaseUrl = new Uri(app.Urls.First());
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
        Stripe = CreateClient("sk_test_emulator");
    }

    public Uri BaseUrl { get; }
    public HttpClient Http { get; }
    public StripeClient Stripe { get; }
    public StripeEmulator Emulator => _app.Services.GetRequiredService<StripeEmulator>();
    public ConcurrentQueue<Event> Received { get; } = new();
    public int DeliveryAttempts;

    /// <summary>Runs before the receiver verifies a delivery; a non-null result answers it instead (the delivery is not received).</summary>
    public Func<HttpContext, Task<IResult?>>? Intercept { get; set; }

    /// <summary>
    /// Starts with deliveries one at a time in creation order (so tests can assert the order events were made in),
    /// unless <paramref name="configure"/> says otherwise.
    /// </summary>
    public static async Task<EmulatorHost> StartAsync(int failFirstDeliveries = 0, TimeProvider? time = null,
        Action<StripeEmulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.Services.AddStripeEmulator(options =>
        {
            options.WebhookSecret = WebhookSecret;
            options.RetrySchedule = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(50), 7)];
            options.DeliveryConcurrency = 1;
            options.DeliveryShuffleWindow = 1;
            configure?.Invoke(options);
        });
        var app = builder.Build();
        app.MapStripeEmulator();
        EmulatorHost? host = null;
        app.MapPost("/stripe/webhook", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref host!.DeliveryAttempts);
            if (host.Intercept is { } intercept && await intercept(request.HttpContext) is { } answer)
            {
                return answer;
            }
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            if (Interlocked.Decrement(ref host._failuresLeft) >= 0)
            {
                return Results.Text("receiver down for a moment", statusCode: 500);
            }
            try
            {
                host.Received.Enqueue(EventUtility.ConstructEvent(body, request.Headers["Stripe-Signature"], WebhookSecret));
                return Results.Ok();
            }
            catch (StripeException)
            {
                return Results.BadRequest();
            }
        });
        await app.StartAsync();
        host = new EmulatorHost(app, failFirstDeliveries);
        return host;
    }

    public StripeClient CreateClient(string apiKey) => new(new StripeClientOptions
    {
        ApiKey = apiKey,
        ApiBase = new Uri(BaseUrl, "/stripe-emulator").ToString(),
        HttpClient = new SystemNetHttpClient(Http, maxNetworkRetries: 0, enableTelemetry: false),
    });

    public async Task<string> CreateProductAsync() =>
        (await Stripe.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Reader support" })).Id;

    public async Task<Session> CreateSessionAsync(long unitAmount = 500, string? email = "reader@example.com", RequestOptions? requestOptions = null) =>
        await Stripe.V1.Checkout.Sessions.CreateAsync(MonthlySession(await CreateProductAsync(), unitAmount, email), requestOptions);

    /// <summary>A monthly gift's checkout, as Support creates it.</summary>
    public static SessionCreateOptions MonthlySession(string productId, long unitAmount, string? email = "reader@example.com") => new()
    {
        Mode = "subscription",
        CustomerEmail = email,
        SuccessUrl = "https://support.example/thanks?session={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://support.example/give",
        Metadata = new() { ["supporter"] = "42" },
        SubscriptionData = new SessionSubscriptionDataOptions { Metadata = new() { ["supporter"] = "42" } },
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "usd",
                    UnitAmount = unitAmount,
                    Product = productId,
                    Recurring = new SessionLineItemPriceDataRecurringOptions { Interval = "month" },
                },
            },
        ],
    };

    public Task<HttpResponseMessage> PayAsync(string sessionId, string cardNumber, string email = "reader@example.com") =>
        Http.PostAsync($"/stripe-emulator/checkout/{sessionId}", CardForm(cardNumber, email));

    /// <summary>What a reader types on the hosted checkout page.</summary>
    public static FormUrlEncodedContent CardForm(string cardNumber, string email = "reader@example.com") => new(new Dictionary<string, string>
    {
        ["email"] = email,
        ["cardNumber"] = cardNumber,
        ["expiry"] = "12/34",
        ["cvc"] = "123",
        ["name"] = "Ada Reader",
    });

    /// <summary>A paid subscription, with its webhooks already delivered.</summary>
    public async Task<Session> SubscribeAsync(string cardNumber = "4242 4242 4242 4242")
    {
        var session = await CreateSessionAsync();
        using var response = await PayAsync(session.Id, cardNumber);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, response.StatusCode);
        await Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        return await Stripe.V1.Checkout.Sessions.GetAsync(session.Id);
    }

    /// <summary>Pays a new session and returns without waiting for its webhooks.</summary>
    public async Task<Session> SubscribeWithoutWaitingAsync()
    {
        var session = await CreateSessionAsync();
        using var response = await PayAsync(session.Id, "4242 4242 4242 4242");
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, response.StatusCode);
        return session;
    }

    public string[] ReceivedTypes() => [.. Received.Select(e => e.Type)];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
