using System.ComponentModel.DataAnnotations;

namespace Support.Web.Reconciliation;

public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>When the recurring job runs (cron, UTC): hourly by default. Empty turns the job off (the command still runs).</summary>
    public string Schedule { get; set; } = "7 * * * *";

    /// <summary>
    /// Staff are told webhooks look broken when no webhook has arrived for this long while Stripe has events newer
    /// than the last one that did.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan WebhookSilence { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Each run reads again this much before the newest event the previous run saw, in case Stripe lists an event a
    /// moment after its creation time. Events already processed are skipped by their id.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);
}
