using System.Text;
using Stripe;

namespace Support.Tests.Infrastructure;

/// <summary>Delivers Stripe event payloads to the app the way Stripe does: signed, as raw JSON.</summary>
public static class Webhooks
{
    public static Task<HttpResponseMessage> PostEventAsync(this HttpClient client, string payload,
        string secret = SupportAppFactory.WebhookSecret, DateTimeOffset? signedAt = null, CancellationToken ct = default)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", EventUtility.GenerateSignatureHeader(payload, secret, timestamp));
        return client.SendAsync(request, ct);
    }

    /// <summary>A minimal event of the app's Stripe API version.</summary>
    public static string EventJson(string id, string type, string objectJson) =>
        "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"" + StripeConfiguration.ApiVersion + "\",\"created\":"
        + DateTimeOffset.UtcNow.ToUnixTimeSeconds() + ",\"livemode\":false,\"pending_webhooks\":1,"
        + "\"request\":{\"id\":null,\"idempotency_key\":null},\"type\":\"" + type + "\",\"data\":{\"object\":" + objectJson + "}}";
}
