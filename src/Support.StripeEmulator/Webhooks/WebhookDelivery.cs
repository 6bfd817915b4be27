namespace Support.StripeEmulator.Webhooks;

/// <summary>One event's delivery as the log shows it: every attempt so far and where it stands (<see cref="Status"/> is one of <see cref="WebhookDeliveryStatus"/>).</summary>
public sealed record WebhookDelivery(
    string EventId,
    string EventType,
    DateTimeOffset EventCreated,
    string Status,
    IReadOnlyList<WebhookAttempt> Attempts,
    DateTimeOffset? NextAttemptAt);

/// <summary>One POST to the webhook endpoint: when, how long, and what the endpoint answered (or why there was no answer).</summary>
public sealed record WebhookAttempt(
    int Number,
    Uri Url,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int? StatusCode,
    string? Error,
    string? ResponseBody)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

public static class WebhookDeliveryStatus
{
    /// <summary>Waiting for its first attempt or a retry (also while deliveries are paused).</summary>
    public const string Pending = "pending";

    /// <summary>The endpoint answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>Every attempt failed, or the emulator was told to abandon it: Stripe gives up on it for good.</summary>
    public const string Failed = "failed";

    /// <summary>Never sent: the emulator was told to drop this share of deliveries.</summary>
    public const string Dropped = "dropped";
}
