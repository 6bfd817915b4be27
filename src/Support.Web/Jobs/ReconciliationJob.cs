using Hangfire;
using Support.Web.Reconciliation;

namespace Support.Web.Jobs;

/// <summary>
/// Hourly by default (Reconciliation:Schedule): applies the Stripe events webhooks missed since the last run
/// (<see cref="Reconciler"/>). Two runs at once would only skip each other's events by id; one at a time saves the calls.
/// </summary>
public sealed class ReconciliationJob(Reconciler reconciler)
{
    public const string RecurringJobId = "stripe-reconciliation";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => reconciler.RunAsync(since: null, "schedule", ct);
}
