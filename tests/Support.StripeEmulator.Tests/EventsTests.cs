using System.Net;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>GET /v1/events and /v1/events/{id}: the emulator's event log as Stripe lists it, for reconciliation.</summary>
public sealed class EventsTests
{
    [Fact]
    public async Task Events_list_newest_first_and_auto_page_through_the_whole_log()
    {
        await using var host = await EmulatorHost.StartAsync();
        await host.SubscribeAsync();
        await host.SubscribeAsync();

        var page = await host.Stripe.V1.Events.ListAsync(new EventListOptions { Limit = 3 });
        var all = await host.Stripe.V1.Events.ListAutoPagingAsync(new EventListOptions { Limit = 3 }).ToListAsync();

        Assert.Equal(("list", "/v1/events", true), (page.Object, page.Url, page.HasMore));
        Assert.Equal(host.Emulator.Events.Select(e => e.Id).Reverse(), all.Select(e => e.Id));
        Assert.All(all, e => Assert.Equal(0, e.PendingWebhooks));
    }

    [Fact]
    public async Task Retrieved_event_carries_the_object_as_delivered()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        var paid = host.Emulator.Events.Single(e => e.Type == "invoice.paid");

        var fetched = await host.Stripe.V1.Events.GetAsync(paid.Id);
        var missing = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Events.GetAsync("evt_missing"));

        Assert.Equal(session.InvoiceId, ((Invoice)fetched.Data.Object).Id);
        Assert.Equal(StripeConfiguration.ApiVersion, fetched.ApiVersion);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (missing.HttpStatusCode, missing.StripeError.Code));
    }

    [Fact]
    public async Task Type_filters_take_a_name_a_wildcard_group_or_a_list()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        await host.Emulator.AdvanceMonthAsync(session.SubscriptionId);
        async Task<string[]> Types(EventListOptions options) =>
            [.. (await host.Stripe.V1.Events.ListAsync(options)).Data.Select(e => e.Type)];

        Assert.Equal(["invoice.paid", "invoice.paid"], await Types(new EventListOptions { Type = "invoice.paid" }));
        Assert.Equal(["customer.subscription.updated", "customer.subscription.created"], await Types(new EventListOptions { Type = "customer.subscription.*" }));
        Assert.Equal(["checkout.session.completed", "customer.created"],
            await Types(new EventListOptions { Types = ["checkout.session.completed", "customer.created"] }));
    }

    [Fact]
    public async Task Created_filter_and_the_30_day_window_follow_the_emulator_clock()
    {
        var start = new DateTimeOffset(2030, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await using var host = await EmulatorHost.StartAsync(time: time);
        await host.SubscribeAsync();
        time.Advance(TimeSpan.FromDays(20));
        var later = await host.SubscribeAsync();

        var recent = await host.Stripe.V1.Events.ListAsync(new EventListOptions { Created = new DateRangeOptions { GreaterThan = start.UtcDateTime } });
        time.Advance(TimeSpan.FromDays(15));
        var kept = await host.Stripe.V1.Events.ListAutoPagingAsync().ToListAsync();
        var firstId = host.Emulator.Events[0].Id;
        var expired = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Events.GetAsync(firstId));

        Assert.Equal(4, recent.Data.Count);
        Assert.Equal(4, kept.Count);
        Assert.All(kept, e => Assert.Equal(start.AddDays(20).UtcDateTime, e.Created));
        Assert.Equal(HttpStatusCode.NotFound, expired.HttpStatusCode);
        Assert.NotNull(later.SubscriptionId);
    }

    [Fact]
    public async Task Delivery_success_false_lists_the_events_whose_webhooks_never_arrived()
    {
        await using var host = await EmulatorHost.StartAsync();
        await host.SubscribeAsync();
        host.Emulator.DropDeliveries(1);
        var missed = await host.SubscribeAsync();

        var undelivered = await host.Stripe.V1.Events.ListAsync(new EventListOptions { DeliverySuccess = false });
        var delivered = await host.Stripe.V1.Events.ListAsync(new EventListOptions { DeliverySuccess = true });

        Assert.Equal(host.Emulator.Events.Skip(4).Select(e => e.Id).Reverse(), undelivered.Data.Select(e => e.Id));
        Assert.All(undelivered.Data, e => Assert.Equal(1, e.PendingWebhooks));
        Assert.Equal(4, delivered.Data.Count);
        Assert.NotNull(missed.SubscriptionId);
    }
}
