using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Reconciliation;
using Support.Data.Stripe;
using Support.Data.Supporters;

namespace Support.Web.Reconciliation;

/// <summary>What staff see of reconciliation: the last run, its findings, and whether webhooks look broken.</summary>
public sealed record ReconciliationView(ReconciliationRunView? LastRun, WebhookHealth Webhooks, IReadOnlyList<OpenDispute> OpenDisputes);

/// <summary>A payment whose bank dispute is not decided yet (the money is withdrawn meanwhile).</summary>
public sealed record OpenDispute(string StripeDisputeId, string StripeInvoiceId, string? Email, long AmountCents, string Currency, DateTime? DisputedAt);

public sealed record ReconciliationRunView(
    long Id,
    string Trigger,
    DateTime StartedAt,
    DateTime? FinishedAt,
    DateTime From,
    int EventsRead,
    int EventsApplied,
    int EventsFailed,
    int Differences,
    string? Error,
    IReadOnlyList<FindingView> Findings);

public sealed record FindingView(string Kind, string StripeId, string Detail);

/// <summary>
/// Looks broken when no webhook has arrived for <see cref="ReconciliationOptions.WebhookSilence"/> while Stripe has
/// listed (at the last run) an event newer than the last webhook.
/// </summary>
public sealed record WebhookHealth(bool LooksBroken, DateTime? LastWebhookAt, DateTime? NewestStripeEventAt, TimeSpan Silence);

public sealed class ReconciliationStatus(SupportDbContext db, TimeProvider time, IOptions<ReconciliationOptions> options)
{
    /// <summary>The findings a page shows; the rest are counted.</summary>
    public const int FindingsShown = 200;

    public async Task<ReconciliationView> GetAsync(CancellationToken ct)
    {
        var run = await db.ReconciliationRuns.AsNoTracking().Where(r => r.FinishedAt != null)
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        var findings = run is null ? [] : await db.ReconciliationFindings.AsNoTracking().Where(f => f.RunId == run.Id)
            .OrderBy(f => f.Kind == FindingKind.EventApplied).ThenBy(f => f.Id).Take(FindingsShown)
            .Select(f => new FindingView(f.Kind.ToString(), f.StripeId, f.Detail)).ToListAsync(ct);
        var view = run is null ? null : new ReconciliationRunView(run.Id, run.Trigger, run.StartedAt, run.FinishedAt, run.From,
            run.EventsRead, run.EventsApplied, run.EventsFailed, run.Differences, run.Error, findings);
        var disputes = await db.Payments.AsNoTracking().Where(p => p.DisputeStatus == DisputeStatus.Open)
            .OrderBy(p => p.DisputedAt).Take(FindingsShown)
            .Select(p => new OpenDispute(p.StripeDisputeId!, p.StripeInvoiceId, p.Contribution.Supporter.Email, p.DisputedCents, p.Currency, p.DisputedAt))
            .ToListAsync(ct);
        return new ReconciliationView(view, await WebhooksAsync(run?.NewestHandledEventAt, ct), disputes);
    }

    public async Task<WebhookHealth> WebhooksAsync(CancellationToken ct)
    {
        var newest = await db.ReconciliationRuns.AsNoTracking().Where(r => r.FinishedAt != null)
            .OrderByDescending(r => r.StartedAt).Select(r => r.NewestHandledEventAt).FirstOrDefaultAsync(ct);
        return await WebhooksAsync(newest, ct);
    }

    private async Task<WebhookHealth> WebhooksAsync(DateTime? newestStripeEvent, CancellationToken ct)
    {
        var silence = options.Value.WebhookSilence;
        var lastWebhook = await db.ProcessedStripeEvents.AsNoTracking().Where(e => e.Source == StripeEventSource.Webhook)
            .MaxAsync(e => (DateTime?)e.ProcessedAt, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var broken = newestStripeEvent is { } newest
            && (lastWebhook is null || newest > lastWebhook)
            && (lastWebhook is null || now - lastWebhook > silence);
        return new WebhookHealth(broken, lastWebhook, newestStripeEvent, silence);
    }
}
