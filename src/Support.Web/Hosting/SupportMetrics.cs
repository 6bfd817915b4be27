using System.Diagnostics.Metrics;

namespace Support.Web.Hosting;

/// <summary>
/// Support's own instruments, all on one meter named "Support" (HTTP requests come from ASP.NET Core's meters).
/// Prometheus names: support_webhook_events_total{event_type,outcome}, support_checkouts_started_total,
/// support_emails_total{queue,kind,outcome}, support_email_dispatch_lag_seconds{queue} (histogram). Queues: reminder,
/// supporter (kind: ThankYou, PaymentFailed, …, SignInLink, ReminderChange). Outcomes: sent, retried (a temporary failure, tried
/// again later), failed (given up); webhooks: applied, duplicate, ignored, refused.
/// </summary>
public sealed class SupportMetrics
{
    public const string MeterName = "Support";

    private readonly Counter<long> _webhookEvents;
    private readonly Counter<long> _checkoutsStarted;
    private readonly Counter<long> _emails;
    private readonly Histogram<double> _emailLag;

    public SupportMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _webhookEvents = meter.CreateCounter<long>("support.webhook.events", "{event}", "Stripe webhook events by type and outcome");
        _checkoutsStarted = meter.CreateCounter<long>("support.checkouts.started", "{checkout}", "Stripe Checkout sessions opened");
        _emails = meter.CreateCounter<long>("support.emails", "{email}", "Emails by queue, kind and outcome");
        _emailLag = meter.CreateHistogram<double>("support.email.dispatch_lag", "s", "Seconds from an email's due time to its sending",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 900, 3600] });
    }

    public void WebhookEvent(string eventType, string outcome) =>
        _webhookEvents.Add(1, new("event_type", eventType), new("outcome", outcome));

    public void CheckoutStarted() => _checkoutsStarted.Add(1);

    public void Email(string queue, string kind, string outcome) =>
        _emails.Add(1, new("queue", queue), new("kind", kind), new("outcome", outcome));

    public void EmailSent(string queue, string kind, TimeSpan lateBy)
    {
        Email(queue, kind, "sent");
        _emailLag.Record(Math.Max(0, lateBy.TotalSeconds), new KeyValuePair<string, object?>("queue", queue));
    }
}
