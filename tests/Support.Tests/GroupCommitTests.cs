using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Web.Stripe.Webhooks;

namespace Support.Tests;

/// <summary>SQLite's group-commit writer: many events per transaction, each isolated and answered on its own.</summary>
public sealed class GroupCommitTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    private GroupCommitWriter Writer => app.Services.GetRequiredService<GroupCommitWriter>();

    [Fact]
    public async Task Sqlite_uses_the_group_commit_writer_for_webhooks()
    {
        await using var scope = app.Services.CreateAsyncScope();

        Assert.Same(Writer, scope.ServiceProvider.GetRequiredService<IStripeEventWriter>());
    }

    [Fact]
    public async Task A_failing_event_in_a_batch_is_rolled_back_alone_and_the_others_are_applied_once()
    {
        var first = Pending("evt_gc_first", AddSupporter("cus_gc_first"));
        // Writes a supporter of its own, then collides with the first event's customer on the unique index.
        var failing = Pending("evt_gc_failing", async (write, ct) =>
        {
            await AddSupporter("cus_gc_failing")(write, ct);
            write.Db.Supporters.Add(new Supporter { StripeCustomerId = "cus_gc_first" });
        });
        var last = Pending("evt_gc_last", AddSupporter("cus_gc_last"));
        var repeated = Pending("evt_gc_first", AddSupporter("cus_gc_repeated"));

        await Writer.ApplyBatchAsync([first, failing, last, repeated], CancellationToken.None);

        Assert.Equal(EventOutcome.Applied, await first.Outcome);
        await Assert.ThrowsAsync<DbUpdateException>(() => failing.Outcome);
        Assert.Equal(EventOutcome.Applied, await last.Outcome);
        Assert.Equal(EventOutcome.Duplicate, await repeated.Outcome);
        Assert.Equal(["cus_gc_first", "cus_gc_last"], await CustomersAsync("cus_gc_"));
        Assert.Equal(["evt_gc_first", "evt_gc_last"], await EventIdsAsync("evt_gc_"));
    }

    [Fact]
    public async Task Concurrent_writes_with_duplicates_apply_each_event_once_and_answer_each_caller()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"evt_many_{i:D2}").ToList();
        var deliveries = ids.Concat(ids.Where((_, i) => i % 3 == 0)).Concat(ids.Take(5)).ToList();

        var outcomes = await Task.WhenAll(deliveries.Select(id =>
            Writer.WriteAsync(new Event { Id = id, Type = EventTypes.InvoicePaid }, AddSupporter("cus_many_" + id), CancellationToken.None)));

        var applied = deliveries.Zip(outcomes).Where(d => d.Second == EventOutcome.Applied).Select(d => d.First).Order().ToList();
        Assert.Equal(ids, applied);
        Assert.Equal(deliveries.Count - ids.Count, outcomes.Count(o => o == EventOutcome.Duplicate));
        Assert.Equal(ids, await EventIdsAsync("evt_many_"));
        Assert.Equal(ids.Select(id => "cus_many_" + id).ToList(), await CustomersAsync("cus_many_"));
    }

    private static GroupCommitWriter.PendingEvent Pending(string eventId, EventChange change) =>
        new(new Event { Id = eventId, Type = EventTypes.InvoicePaid }, change, CancellationToken.None);

    private static EventChange AddSupporter(string customerId) => async (write, ct) =>
        await write.Ledger.UpsertSupporterAsync(customerId, null, DateTime.UtcNow, ct);

    private Task<List<string>> CustomersAsync(string prefix) => app.QueryAsync(db => db.Supporters
        .Where(s => s.StripeCustomerId.StartsWith(prefix)).OrderBy(s => s.StripeCustomerId).Select(s => s.StripeCustomerId).ToListAsync());

    private Task<List<string>> EventIdsAsync(string prefix) => app.QueryAsync(db => db.ProcessedStripeEvents
        .Where(e => e.EventId.StartsWith(prefix)).OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync());
}
