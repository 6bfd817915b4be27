namespace Support.StripeEmulator;

/// <summary>
/// Settings of the emulator, in code (<see cref="StripeEmulatorExtensions.AddStripeEmulator"/>) or, for the
/// emulator's own process, in the <c>StripeEmulator</c> configuration section (docs/stripe-emulator.md).
/// </summary>
public sealed class StripeEmulatorOptions
{
    public const string Section = "StripeEmulator";

    /// <summary>Path under which the emulator answers; the Stripe API base is <c>{host}{PathPrefix}</c>.</summary>
    public string PathPrefix { get; set; } = "/stripe-emulator";

    /// <summary>
    /// Address readers' browsers use for the hosted checkout and portal pages (e.g. behind a proxy); when null,
    /// the address the API request came in on.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The whsec_... secret used to sign webhook deliveries.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Absolute URL that receives webhooks. When null: <see cref="AppBaseUrl"/> (or the host's own address) plus <see cref="WebhookPath"/>.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Path of the webhook endpoint on <see cref="AppBaseUrl"/> when <see cref="WebhookUrl"/> is not set.</summary>
    public string WebhookPath { get; set; } = "/stripe/webhook";

    /// <summary>Base address of the app that receives webhooks; when null, the host's first listening address is used.</summary>
    public Uri? AppBaseUrl { get; set; }

    /// <summary>Tests may turn delivery off and read <see cref="StripeEmulator.Events"/> instead.</summary>
    public bool DeliverWebhooks { get; set; } = true;

    /// <summary>Deliveries in flight at once (Stripe sends several at a time). 1 sends one after another.</summary>
    public int DeliveryConcurrency { get; set; } = 4;

    /// <summary>
    /// How far deliveries leave creation order: each sender takes a random one of the oldest N due deliveries.
    /// 1 keeps creation order (with <see cref="DeliveryConcurrency"/> 1, strictly).
    /// </summary>
    public int DeliveryShuffleWindow { get; set; } = 8;

    /// <summary>Seed for the order and for dropped deliveries, to replay a run; null picks one at random.</summary>
    public int? DeliverySeed { get; set; }

    /// <summary>
    /// Wait before retry 1, 2, …; an event is given up after one attempt more than there are entries. Stripe retries
    /// for up to three days; this default compresses that to about a minute.
    /// </summary>
    public TimeSpan[] RetrySchedule { get; set; } = DefaultRetrySchedule;

    /// <summary>An attempt that has no answer after this long counts as failed, and is retried.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static TimeSpan[] DefaultRetrySchedule =>
        [.. new[] { 0.5, 1, 2, 4, 8, 16, 30 }.Select(TimeSpan.FromSeconds)];
}
