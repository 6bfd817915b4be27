using Microsoft.Extensions.Options;

namespace Support.StripeEmulator;

/// <summary>Checked at start, with messages that say what to set.</summary>
internal sealed class StripeEmulatorOptionsValidator : IValidateOptions<StripeEmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeEmulatorOptions options)
    {
        var failures = new List<string>();
        if (options.DeliverWebhooks && string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            failures.Add("StripeEmulator:WebhookSecret is empty: set the whsec_… secret the app verifies webhooks with (--webhook-secret).");
        }
        if (options.PathPrefix.Length > 0 && !options.PathPrefix.StartsWith('/'))
        {
            failures.Add("StripeEmulator:PathPrefix must be empty or start with '/', such as /stripe-emulator.");
        }
        foreach (var (setting, url) in new[] { ("WebhookUrl", options.WebhookUrl), ("AppBaseUrl", options.AppBaseUrl), ("PublicBaseUrl", options.PublicBaseUrl) })
        {
            if (url is not null && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
            {
                failures.Add($"StripeEmulator:{setting} must be an absolute http:// or https:// address.");
            }
        }
        if (options.DeliveryConcurrency is < 1 or > 64)
        {
            failures.Add("StripeEmulator:DeliveryConcurrency must be between 1 and 64.");
        }
        if (options.DeliveryShuffleWindow is < 1 or > 1000)
        {
            failures.Add("StripeEmulator:DeliveryShuffleWindow must be between 1 (creation order) and 1000.");
        }
        if (options.RetrySchedule.Length > 100 || options.RetrySchedule.Any(delay => delay < TimeSpan.Zero))
        {
            failures.Add("StripeEmulator:RetrySchedule holds at most 100 delays, none negative (an empty list means no retries).");
        }
        if (options.DeliveryTimeout <= TimeSpan.Zero)
        {
            failures.Add("StripeEmulator:DeliveryTimeout must be positive, such as 00:00:10.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
