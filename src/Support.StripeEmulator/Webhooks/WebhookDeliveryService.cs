using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace Support.StripeEmulator.Webhooks;

/// <summary>
/// Posts queued events to the app one at a time, in creation order, retrying failures with backoff the way
/// Stripe does (any non-2xx, redirects included, is a failure).
/// </summary>
internal sealed partial class WebhookDeliveryService(
    DeliveryQueue queue,
    WebhookTarget target,
    IHttpClientFactory httpClients,
    IOptions<StripeEmulatorOptions> options,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "Support.StripeEmulator.Webhooks";
    private static readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var stripeEvent in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await DeliverAsync(stripeEvent, stoppingToken);
            }
            finally
            {
                queue.MarkFinished();
            }
        }
    }

    private async Task DeliverAsync(EmulatorEvent stripeEvent, CancellationToken ct)
    {
        var settings = options.Value;
        var delay = settings.FirstRetryDelay;
        for (var attempt = 1; attempt <= settings.MaxDeliveryAttempts; attempt++)
        {
            var failure = await TryPostAsync(stripeEvent, settings.WebhookSecret, ct);
            if (failure is null)
            {
                return;
            }
            LogFailure(stripeEvent.Id, stripeEvent.Type, attempt, settings.MaxDeliveryAttempts, failure);
            if (attempt < settings.MaxDeliveryAttempts)
            {
                await Task.Delay(delay, ct);
                delay = delay * 2 > _maxDelay ? _maxDelay : delay * 2;
            }
        }
        LogGaveUp(stripeEvent.Id, stripeEvent.Type);
    }

    /// <summary>Returns null on success, else why it failed.</summary>
    private async Task<string?> TryPostAsync(EmulatorEvent stripeEvent, string secret, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Resolve());
            request.Content = new StringContent(stripeEvent.Payload, System.Text.Encoding.UTF8, "application/json");
            // Signed at send time with the wall clock (not the app's TimeProvider): receivers check the
            // timestamp against their real clock, and each retry must carry a fresh one, as Stripe's do.
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation(
                "Stripe-Signature", EventUtility.GenerateSignatureHeader(stripeEvent.Payload, secret, timestamp));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} ({EventType}) attempt {Attempt}/{MaxAttempts} failed: {Reason}")]
    private partial void LogFailure(string eventId, string eventType, int attempt, int maxAttempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {EventId} ({EventType}) not delivered; giving up")]
    private partial void LogGaveUp(string eventId, string eventType);
}
