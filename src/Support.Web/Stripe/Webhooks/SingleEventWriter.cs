using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Web.Data;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// One transaction per event, in the request (SQL Server). A server database commits concurrent transactions in
/// parallel and locks rows itself, so grouping would only add latency; its retrying execution strategy requires
/// the whole transaction to run inside <c>CreateExecutionStrategy()</c>, and re-runs it on a transient error.
/// </summary>
public sealed class SingleEventWriter(
    SupportDbContext db,
    SupporterLedger ledger,
    SupporterEmailOutbox emails,
    SupporterEmailDispatcher dispatcher,
    WriteGate writes,
    TimeProvider time) : IStripeEventWriter
{
    public async Task<EventOutcome> WriteAsync(Event stripeEvent, EventChange change, CancellationToken ct)
    {
        var scope = new EventWriteScope(db, ledger, emails);
        try
        {
            using var turn = await writes.EnterAsync(ct);
            var outcome = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                db.ChangeTracker.Clear();
                emails.Discard();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var outcome = await StripeEventRecording.RecordAsync(scope, stripeEvent, change, time.GetUtcNow().UtcDateTime, token);
                await transaction.CommitAsync(token);
                return outcome;
            }, ct);
            // Only after the commit: a job enqueued before it could run before its row is visible.
            dispatcher.Post(emails.TakeAdded());
            return outcome;
        }
        finally
        {
            db.ChangeTracker.Clear();
            emails.Discard();
        }
    }
}
