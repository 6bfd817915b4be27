using Microsoft.Extensions.Options;

namespace Support.Web.Stripe;

public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>Secret API key (sk_test_… or sk_live_…). Empty in Development means: use the offline emulator.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Signing secret of the webhook endpoint (whsec_…). Required outside Development.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Currency of new contributions (ISO 4217, lower-case).</summary>
    public string Currency { get; set; } = "usd";

    /// <summary>Name of the Stripe product every monthly price belongs to (created once, then reused).</summary>
    public string ProductName { get; set; } = "Monthly support";

    /// <summary>Optional existing product id; when empty the product is created on first checkout.</summary>
    public string? ProductId { get; set; }

    /// <summary>Tolerance for webhook signature timestamps, in seconds (Stripe's default is 300).</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>
    /// Optional address of the Stripe API, for an emulator in another process (the benchmark hosts one). Empty:
    /// api.stripe.com with a key, the emulator mapped into this app without one.
    /// </summary>
    public string? ApiBase { get; set; }

    /// <summary>Requests that call Stripe (checkout, thank-you page, account changes) allowed per client address in each window.</summary>
    public int ClientRequestLimit { get; set; } = 20;

    public TimeSpan ClientRequestWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Such requests allowed from everyone together in each window: well under Stripe's own limit (25/s in test mode).</summary>
    public int GlobalRequestLimit { get; set; } = 20;

    public TimeSpan GlobalRequestWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Allows the offline emulator (no secret key) outside Development: a staging, demo or test instance where no
    /// money may move. Off by default, so a production instance without a key refuses to start.
    /// </summary>
    public bool AllowEmulator { get; set; }

    /// <summary>
    /// Before the server listens, one made-up supporter's webhooks go through the write path and are rolled back
    /// (<see cref="Webhooks.WebhookWarmup"/>), so the first real webhook after a start is as quick as the next ones.
    /// Costs a few seconds of start time; off where that matters more (a host started many times, briefly).
    /// </summary>
    public bool WarmUpWebhooksAtStart { get; set; } = true;

    /// <summary>Whether this instance may run without a key: in Development, or when <see cref="AllowEmulator"/> says so.</summary>
    public bool EmulatorAllowedIn(IHostEnvironment environment) => environment.IsDevelopment() || AllowEmulator;

    /// <summary>True when no secret key is set: the app calls the offline emulator.</summary>
    public bool UseEmulator => string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>True when the app itself serves the emulator (no key, no <see cref="ApiBase"/>).</summary>
    public bool UseInProcessEmulator => UseEmulator && string.IsNullOrWhiteSpace(ApiBase);

    /// <summary>Secret the emulator signs with when none is configured (only where the emulator may run: <see cref="EmulatorAllowedIn"/>).</summary>
    public const string EmulatorWebhookSecret = "whsec_offline_emulator_not_a_secret";

    public string EffectiveWebhookSecret => string.IsNullOrWhiteSpace(WebhookSecret) ? EmulatorWebhookSecret : WebhookSecret;
}

/// <summary>Checks at start that Stripe is configured for the environment; messages say what to set.</summary>
public sealed class StripeOptionsValidator(IHostEnvironment environment) : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var failures = new List<string>();
        var emulatorAllowed = options.EmulatorAllowedIn(environment);
        if (options.UseEmulator && !emulatorAllowed)
        {
            failures.Add($"Stripe:SecretKey is empty, and the offline Stripe emulator is only allowed in Development (environment is '{environment.EnvironmentName}') or with Stripe:AllowEmulator=true. Set Stripe__SecretKey to your sk_live_… or sk_test_… key.");
        }
        if (!options.UseEmulator && !options.SecretKey!.StartsWith("sk_", StringComparison.Ordinal) && !options.SecretKey.StartsWith("rk_", StringComparison.Ordinal))
        {
            failures.Add("Stripe:SecretKey must be a secret or restricted key (sk_… or rk_…), not a publishable key.");
        }
        if (string.IsNullOrWhiteSpace(options.WebhookSecret) && !emulatorAllowed)
        {
            failures.Add("Stripe:WebhookSecret is missing. Set Stripe__WebhookSecret to the whsec_… signing secret of your Stripe webhook endpoint; without it no payment can be confirmed.");
        }
        if (string.IsNullOrWhiteSpace(options.WebhookSecret) && !options.UseEmulator)
        {
            failures.Add("Stripe:WebhookSecret is missing while a real Stripe key is set. Set it to the whsec_… secret shown by 'stripe listen' or the Dashboard.");
        }
        if (options.Currency is not { Length: 3 } || !options.Currency.All(char.IsAsciiLetterLower))
        {
            failures.Add("Stripe:Currency must be a three-letter lower-case ISO code such as 'usd'.");
        }
        if (!string.IsNullOrWhiteSpace(options.ApiBase)
            && !(Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var apiBase) && (apiBase.Scheme == Uri.UriSchemeHttp || apiBase.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add("Stripe:ApiBase must be an absolute http:// or https:// address (or empty for Stripe itself).");
        }
        if (options.ClientRequestLimit < 1 || options.GlobalRequestLimit < 1
            || options.ClientRequestWindow <= TimeSpan.Zero || options.GlobalRequestWindow <= TimeSpan.Zero)
        {
            failures.Add("Stripe:ClientRequestLimit and Stripe:GlobalRequestLimit must be at least 1, and their windows longer than zero.");
        }
        if (options.WebhookToleranceSeconds is < 1 or > 3600)
        {
            failures.Add("Stripe:WebhookToleranceSeconds must be between 1 and 3600.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
