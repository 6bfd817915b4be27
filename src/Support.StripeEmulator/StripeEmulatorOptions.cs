namespace Support.StripeEmulator;

public sealed class StripeEmulatorOptions
{
    /// <summary>Path on the host app under which the emulator answers; the Stripe API base is <c>{appBase}{PathPrefix}</c>.</summary>
    public string PathPrefix { get; set; } = "/stripe-emulator";

    /// <summary>The whsec_... secret used to sign webhook deliveries.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Path on the host app that receives webhooks.</summary>
    public string WebhookPath { get; set; } = "/stripe/webhook";

    /// <summary>Where webhooks are posted; when null, the host's first listening address is used.</summary>
    public Uri? AppBaseUrl { get; set; }

    /// <summary>Tests may turn delivery off and read <see cref="StripeEmulator.Events"/> instead.</summary>
    public bool DeliverWebhooks { get; set; } = true;

    /// <summary>Attempts per event, retrying non-2xx answers and connection failures.</summary>
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; it doubles per attempt, capped at 30 seconds.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
