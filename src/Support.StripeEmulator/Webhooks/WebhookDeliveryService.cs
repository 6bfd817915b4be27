using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace Support.StripeEmulator.Webhooks;

/// <summary>
/// Senders that post due deliveries to the webhook endpoint, several at once, the way Stripe does: any non-2xx
/// answer (redirects included), a refused connection or no answer within the timeout is a failed attempt.
/// </summary>
internal sealed partial class WebhookDeliveryService(
    DeliveryScheduler scheduler,
    WebhookTarget target,
    IHttpClientFactory httpClients,
    IOptions<StripeEmulatorOptions> options,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "Support.StripeEmulator.Webhooks";
    private const int LoggedBodyLength = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.DeliveryConcurrency).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var entry = await scheduler.TakeAsync(ct);
                var attempt = await PostAsync(entry.Event, entry.Attempts.Count + 1, ct);
                scheduler.Complete(entry, attempt);
                if (!attempt.Succeeded)
                {
                    LogFailure(entry.Event.Id, entry.Event.Type, attempt.Number, attempt.StatusCode?.ToString() ?? attempt.Error ?? "");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: what is still pending stays in the log as pending.
        }
    }

    private async Task<WebhookAttempt> PostAsync(EmulatorEvent stripeEvent, int number, CancellationToken ct)
    {
        var url = target.Resolve();
        var started = TimeProvider.System.GetUtcNow();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.DeliveryTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Content = new StringContent(stripeEvent.Payload, System.Text.Encoding.UTF8, "application/json");
            // Signed at send time with the wall clock: receivers check the timestamp against their real clock, and
            // each retry carries a fresh one, as Stripe's do.
            request.Headers.TryAddWithoutValidation("Stripe-Signature",
                EventUtility.GenerateSignatureHeader(stripeEvent.Payload, options.Value.WebhookSecret, started.ToUnixTimeSeconds()));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new WebhookAttempt(number, url, started, clock.Elapsed, (int)response.StatusCode, null,
                body.Length > LoggedBodyLength ? body[..LoggedBodyLength] : body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(number, url, started, clock.Elapsed, null, $"No answer within {options.Value.DeliveryTimeout}.", null);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(number, url, started, clock.Elapsed, null, ex.Message, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} ({EventType}) attempt {Attempt} failed: {Reason}")]
    private partial void LogFailure(string eventId, string eventType, int attempt, string reason);
}
