using System.Diagnostics.Metrics;

namespace Support.Web.Hosting;

/// <summary>
/// Support's own instruments, all on one meter named "Support" (HTTP requests come from ASP.NET Core's meters).
/// Prometheus names: support_webhook_events_total{event_type,outcome}, support_checkouts_started_total,
/// support_reminders_total{outcome}, support_supporter_emails_total{kind,outcome},
/// support_reminder_dispatch_lag_seconds (histogram). Outcomes: sent, retried (a temporary failure, tried again
/// later), failed (given up); webhooks: applied, duplicate, ignored, refused.
/// </summary>
public sealed class SupportMetrics
{
    public const string MeterName = "Support";

    private readonly Counter<long> _webhookEvents;
    private readonly Counter<long> _checkoutsStarted;
    private readonly Counter<long> _reminders;
    private readonly Counter<long> _supporterEmails;
    private readonly Histogram<double> _reminderLag;

    public SupportMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _webhookEvents = meter.CreateCounter<long>("support.webhook.events", "{event}", "Stripe webhook events by type and outcome");
        _checkoutsStarted = meter.CreateCounter<long>("support.checkouts.started", "{checkout}", "Stripe Checkout sessions opened");
        _reminders = meter.CreateCounter<long>("support.reminders", "{email}", "Reminder emails by outcome");
        _supporterEmails = meter.CreateCounter<long>("support.supporter_emails", "{email}", "Supporter emails by kind and outcome");
        _reminderLag = meter.CreateHistogram<double>("support.reminder.dispatch_lag", "s", "Seconds from a reminder's due time to its sending",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 900, 3600] });
    }

    public void WebhookEvent(string eventType, string outcome) =>
        _webhookEvents.Add(1, new("event_type", eventType), new("outcome", outcome));

    public void CheckoutStarted() => _checkoutsStarted.Add(1);

    public void Reminder(string outcome) => _reminders.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ReminderSent(TimeSpan lateBy)
    {
        Reminder("sent");
        _reminderLag.Record(Math.Max(0, lateBy.TotalSeconds));
    }

    public void SupporterEmail(string kind, string outcome) =>
        _supporterEmails.Add(1, new("kind", kind), new("outcome", outcome));
}
