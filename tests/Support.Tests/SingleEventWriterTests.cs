using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Support.Data;
using Support.Tests.Infrastructure;
using Support.Web.Data;
using Support.Web.Stripe.Webhooks;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;

namespace Support.Tests;

/// <summary>The per-event path SQL Server keeps (one transaction in the request), run here over SQLite.</summary>
public sealed class SingleEventWriterTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Fact]
    public async Task Per_event_writer_applies_an_event_once_and_answers_a_repeat_as_duplicate()
    {
        var stripeEvent = new Event { Id = "evt_single_1", Type = EventTypes.InvoicePaid };
        EventChange change = async (write, ct) => await write.Ledger.UpsertSupporterAsync("cus_single_1", null, DateTime.UtcNow, ct);

        var first = await WriteInNewScopeAsync(stripeEvent, change);
        var repeat = await WriteInNewScopeAsync(stripeEvent, change);

        Assert.Equal(EventOutcome.Applied, first);
        Assert.Equal(EventOutcome.Duplicate, repeat);
        Assert.Equal(1, await app.QueryAsync(db => db.Supporters.CountAsync(s => s.StripeCustomerId == "cus_single_1")));
    }

    private async Task<EventOutcome> WriteInNewScopeAsync(Event stripeEvent, EventChange change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var writer = new SingleEventWriter(services.GetRequiredService<SupportDbContext>(), services.GetRequiredService<SupporterLedger>(),
            services.GetRequiredService<SupporterEmailOutbox>(), services.GetRequiredService<SupporterEmailDispatcher>(),
            services.GetRequiredService<WriteGate>(), TimeProvider.System);
        return await writer.WriteAsync(stripeEvent, change, CancellationToken.None);
    }
}
