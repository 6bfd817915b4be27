using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Reconciliation;
using Support.Data.Stripe;
using Support.Web.Shared;
using Support.Web.Stripe;
using Support.Web.Stripe.Webhooks;
using global::Stripe;

namespace Support.Web.Reconciliation;

/// <summary>
/// Reads Stripe's event list from the last reconciled point on and feeds every event the ledger has not processed to
/// <see cref="StripeEventProcessor"/>, the one write path of webhooks (ADR 0008): the same handlers, the same
/// exactly-once rule by event id. Then compares the invoices and subscriptions Stripe lists for the same window with
/// the ledger, and records what it healed and what it could not (docs/reports.md, "Reconciliation").
/// </summary>
public sealed class Reconciler(
    SupportDbContext db,
    IStripeGateway stripe,
    StripeEventProcessor processor,
    LedgerComparison comparison,
    TimeProvider time,
    IOptions<ReconciliationOptions> options,
    ILogger<Reconciler> logger)
{
    /// <summary>Stripe lists the events of the last 30 days; older gaps are only found by comparing lists.</summary>
    public static readonly TimeSpan StripeKeepsEvents = TimeSpan.FromDays(30);

    public const int MaxFindingsPerRun = 1000;

    public async Task<ReconciliationRun> RunAsync(DateTime? since, string trigger, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lastPoint = await LastPointAsync(ct);
        var from = since ?? lastPoint ?? now - StripeKeepsEvents;
        var run = new ReconciliationRun { Trigger = trigger, StartedAt = now, From = from };
        db.ReconciliationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        try
        {
            var next = await ApplyEventsAsync(run, from, ct);
            // A run from a later --since did not cover the gap before it: the point stays where it was.
            run.NextFrom = since is null || lastPoint is null || since <= lastPoint ? next : lastPoint;
            var differences = await comparison.CompareAsync(from, ct);
            run.Differences = differences.Count;
            AddFindings(run, differences);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException or DbUpdateException or InvalidOperationException)
        {
            run.Error = Shorten(e.Message);
            logger.LogError(e, "Reconciliation run {RunId} stopped: {Reason}", run.Id, e.Message);
        }
        run.FinishedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation(
            "Reconciliation run {RunId} from {From:u}: {Read} event(s) read, {Applied} applied, {Failed} failed, {Differences} difference(s)",
            run.Id, from, run.EventsRead, run.EventsApplied, run.EventsFailed, run.Differences);
        return run;
    }

    /// <summary>Oldest first, as Stripe created them; returns where the next run should start.</summary>
    private async Task<DateTime> ApplyEventsAsync(ReconciliationRun run, DateTime from, CancellationToken ct)
    {
        var events = new List<Event>();
        await foreach (var stripeEvent in stripe.ListEventsAsync(from, ct))
        {
            events.Add(stripeEvent);
        }
        events.Reverse();
        run.EventsRead = events.Count;
        DateTime? oldestFailure = null;
        foreach (var stripeEvent in events.Where(e => StripeEventHandlers.Handles(e.Type)))
        {
            var created = DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc);
            if (run.NewestHandledEventAt is null || created > run.NewestHandledEventAt)
            {
                run.NewestHandledEventAt = created;
            }
            try
            {
                if (await processor.ProcessAsync(stripeEvent, StripeEventSource.Reconciliation, ct) == EventOutcome.Applied)
                {
                    run.EventsApplied++;
                    AddFindings(run, [new(FindingKind.EventApplied, stripeEvent.Id, $"{stripeEvent.Type} of {created:yyyy-MM-dd HH:mm:ss} UTC, missed by webhooks")]);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stripe's state may be unreadable for a moment, or the write may conflict: the next run reads it again.
                run.EventsFailed++;
                oldestFailure ??= created;
                AddFindings(run, [new(FindingKind.EventFailed, stripeEvent.Id, Shorten($"{stripeEvent.Type}: {e.Message}"))]);
                logger.LogWarning(e, "Reconciliation could not apply Stripe event {EventId} of type {EventType}", stripeEvent.Id, stripeEvent.Type);
            }
        }
        var newest = events.Count == 0 ? from : DateTime.SpecifyKind(events[^1].Created, DateTimeKind.Utc) - options.Value.Overlap;
        var next = newest > from ? newest : from;
        return oldestFailure is { } failed && failed < next ? failed : next;
    }

    private static void AddFindings(ReconciliationRun run, IEnumerable<Finding> findings)
    {
        foreach (var finding in findings.Where(_ => run.Findings.Count < MaxFindingsPerRun))
        {
            run.Findings.Add(new ReconciliationFinding { Kind = finding.Kind, StripeId = finding.StripeId, Detail = Shorten(finding.Detail) });
        }
    }

    private Task<DateTime?> LastPointAsync(CancellationToken ct) => db.ReconciliationRuns.AsNoTracking()
        .Where(r => r.NextFrom != null).OrderByDescending(r => r.StartedAt).Select(r => r.NextFrom).FirstOrDefaultAsync(ct);

    private static string Shorten(string text) => Text.Cut(text, ReconciliationRun.MaxTextLength)!;
}

/// <summary>What a run found, before it is stored.</summary>
public sealed record Finding(FindingKind Kind, string StripeId, string Detail);
