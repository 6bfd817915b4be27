using Microsoft.EntityFrameworkCore;
using Support.Data.Reconciliation;
using Support.Data.Staff;
using Support.Data.Stripe;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Reconciliation;

/// <summary>The staff area says webhooks look broken when none arrived for an hour while Stripe has newer events.</summary>
public sealed class WebhookNoticeTests : IAsyncLifetime
{
    private readonly SupportAppFactory _app = new();
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => _staff = await _app.StaffBrowserAsync(StaffRoles.Staff);

    public Task DisposeAsync()
    {
        _staff.Dispose();
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task ArrangeAsync(TimeSpan lastWebhookAgo, TimeSpan newestStripeEventAgo)
    {
        var now = DateTime.UtcNow;
        await _app.QueryAsync(async db =>
        {
            await db.ProcessedStripeEvents.ExecuteDeleteAsync();
            db.ProcessedStripeEvents.Add(new ProcessedStripeEvent { EventId = "evt_webhook", Type = "invoice.paid", ProcessedAt = now - lastWebhookAgo, Source = StripeEventSource.Webhook });
            db.ReconciliationRuns.Add(new ReconciliationRun
            {
                Trigger = "schedule", StartedAt = now, FinishedAt = now, From = now.AddDays(-1), NextFrom = now,
                NewestHandledEventAt = now - newestStripeEventAgo, EventsRead = 3, EventsApplied = 2,
            });
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task No_webhook_for_two_hours_while_stripe_has_newer_events_shows_the_notice()
    {
        await ArrangeAsync(lastWebhookAgo: TimeSpan.FromHours(3), newestStripeEventAgo: TimeSpan.FromHours(2));

        var html = await _staff.GetStringAsync("/staff/reconciliation");

        Assert.Contains("id=\"webhooks-broken\"", html);
        Assert.Contains("Stripe webhooks look broken", html);
    }

    [Fact]
    public async Task A_recent_webhook_shows_no_notice()
    {
        await ArrangeAsync(lastWebhookAgo: TimeSpan.FromMinutes(10), newestStripeEventAgo: TimeSpan.FromMinutes(5));

        var html = await _staff.GetStringAsync("/staff/reconciliation");

        Assert.DoesNotContain("webhooks-broken", html);
        Assert.Contains("id=\"reconciliation-run\"", html);
    }

    [Fact]
    public async Task A_quiet_stripe_account_is_not_broken_webhooks()
    {
        await ArrangeAsync(lastWebhookAgo: TimeSpan.FromHours(5), newestStripeEventAgo: TimeSpan.FromHours(6));

        var html = await _staff.GetStringAsync("/staff/reconciliation");

        Assert.DoesNotContain("webhooks-broken", html);
    }
}
