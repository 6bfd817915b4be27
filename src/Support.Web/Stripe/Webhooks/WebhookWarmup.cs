using System.Globalization;
using Microsoft.Extensions.Options;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// Before the server listens, one new supporter's events go through the webhook's parsing and the writer's whole write,
/// rolled back (<see cref="StripeEventWriter.RehearseAsync"/>): the first real webhook after a start then finds the code
/// compiled and EF Core's queries and update commands built, instead of spending seconds on them (the first new
/// supporter after each start took 2.6–7 s to reach the summary on a loaded machine, the next ones 0.1–0.6 s). Nothing is written
/// and Stripe is not called. A failure only costs that time back, so it is logged and the start goes on.
/// </summary>
public static class WebhookWarmup
{
    private const string Customer = "cus_warmup";
    private const string SubscriptionId = "sub_warmup";
    private const string InvoiceId = "in_warmup";

    public static async Task WarmUpWebhooksAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<StripeOptions>>().Value.WarmUpWebhooksAtStart)
        {
            return;
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookWarmup));
        var time = app.Services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        try
        {
            // Bounded: a server database that does not answer is readiness's to report, not a reason to wait at start.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var currency = app.Services.GetRequiredService<IOptions<StripeOptions>>().Value.Currency;
            var now = time.GetUtcNow().UtcDateTime;
            var paid = EventUtility.ParseEvent(InvoicePaidJson(currency, now), throwOnApiVersionMismatch: true);
            var invoice = ((Invoice)paid.Data.Object).ToSnapshot(currency);
            var subscription = new SubscriptionSnapshot(SubscriptionId, Customer, invoice.CustomerEmail, "active", invoice.AmountPaidCents,
                currency, now, null, false, now.AddMonths(1), null);
            var checkout = new Event { Id = "evt_warmup_checkout", Type = EventTypes.CheckoutSessionCompleted, Created = now };
            await app.Services.GetRequiredService<StripeEventWriter>().RehearseAsync(
            [
                (checkout, new SubscriptionWrite(subscription, null, invoice.CustomerEmail), []),
                (paid, new InvoiceWrite(subscription, invoice, InvoiceOutcome.Paid, now), SupporterEmailPlanner.Plan(paid, currency)),
            ], timeout.Token);
            logger.LogInformation("Webhook write path warmed up in {Ms:F0} ms (rolled back, nothing written)", time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Warming up the webhook write path failed; the first webhooks will take longer");
        }
    }

    /// <summary>A first invoice of a monthly gift as Stripe sends it, in the API version the webhook accepts.</summary>
    private static string InvoicePaidJson(string currency, DateTime now)
    {
        var unix = new DateTimeOffset(now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $$"""
            {"id":"evt_warmup_invoice","object":"event","api_version":"{{StripeConfiguration.ApiVersion}}","created":{{unix}},"livemode":false,
             "type":"invoice.paid","data":{"object":{"id":"{{InvoiceId}}","object":"invoice","customer":"{{Customer}}",
             "customer_email":"warmup@example.invalid","status":"paid","billing_reason":"subscription_create","number":"WARMUP-0001",
             "amount_paid":500,"amount_due":500,"currency":"{{currency}}","created":{{unix}},"status_transitions":{"paid_at":{{unix}}},
             "parent":{"type":"subscription_details","subscription_details":{"subscription":"{{SubscriptionId}}","metadata":{} } },"metadata":{} } } }
            """;
    }
}
