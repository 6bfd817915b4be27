using System.Net;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>GET /v1/invoices and /v1/subscriptions through Stripe.net: Stripe's list shape, filters and paging.</summary>
public sealed class ListTests
{
    private static readonly DateTimeOffset _start = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Invoices_come_newest_first_in_pages_with_has_more()
    {
        await using var host = await EmulatorHost.StartAsync();
        var invoices = await MakeInvoicesAsync(host, subscriptions: 3);

        var first = await host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Limit = 4 });
        var second = await host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Limit = 4, StartingAfter = first.Data[^1].Id });

        Assert.Equal(("list", "/v1/invoices", true), (first.Object, first.Url, first.HasMore));
        Assert.Equal(invoices.AsEnumerable().Reverse().Take(4), first.Data.Select(i => i.Id));
        Assert.Equal(invoices.AsEnumerable().Reverse().Skip(4), second.Data.Select(i => i.Id));
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task Auto_paging_walks_every_invoice_forwards_and_backwards()
    {
        await using var host = await EmulatorHost.StartAsync();
        var invoices = await MakeInvoicesAsync(host, subscriptions: 3);

        var forwards = await host.Stripe.V1.Invoices.ListAutoPagingAsync(new InvoiceListOptions { Limit = 2 }).Select(i => i.Id).ToListAsync();
        var backwards = await host.Stripe.V1.Invoices.ListAutoPagingAsync(new InvoiceListOptions { Limit = 2, EndingBefore = invoices[0] })
            .Select(i => i.Id).ToListAsync();

        Assert.Equal(invoices.AsEnumerable().Reverse(), forwards);
        Assert.Equal(invoices.Skip(1), backwards);
    }

    [Fact]
    public async Task Created_range_and_subscription_filters_select_invoices()
    {
        var time = new FakeTimeProvider(_start);
        await using var host = await EmulatorHost.StartAsync(time: time);
        var early = await host.SubscribeAsync();
        time.Advance(TimeSpan.FromHours(2));
        var late = await host.SubscribeAsync();
        var lateRenewal = await host.Emulator.AdvanceMonthAsync(late.SubscriptionId);

        var sinceOneHour = await host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = _start.AddHours(1).UtcDateTime },
        });
        var beforeOneHour = await host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions
        {
            Created = new DateRangeOptions { LessThan = _start.AddHours(1).UtcDateTime },
        });
        var ofEarly = await host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Subscription = early.SubscriptionId });
        var paid = await host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Status = "paid", Customer = late.CustomerId });

        Assert.Equal([lateRenewal, late.InvoiceId], sinceOneHour.Data.Select(i => i.Id));
        Assert.Equal([early.InvoiceId], beforeOneHour.Data.Select(i => i.Id));
        Assert.Equal([early.InvoiceId], ofEarly.Data.Select(i => i.Id));
        Assert.Equal([lateRenewal, late.InvoiceId], paid.Data.Select(i => i.Id));
    }

    [Fact]
    public async Task Subscriptions_leave_out_canceled_ones_unless_asked_for()
    {
        await using var host = await EmulatorHost.StartAsync();
        var kept = await host.SubscribeAsync();
        var pastDue = await host.SubscribeAsync("4000 0000 0000 0341");
        await host.Emulator.AdvanceMonthAsync(pastDue.SubscriptionId);
        var canceled = await host.SubscribeAsync();
        await host.Stripe.V1.Subscriptions.CancelAsync(canceled.SubscriptionId);
        Task<List<string>> List(string? status, string? customer = null) => host.Stripe.V1.Subscriptions
            .ListAutoPagingAsync(new SubscriptionListOptions { Status = status, Customer = customer }).Select(s => s.Id).ToListAsync().AsTask();

        Assert.Equal([pastDue.SubscriptionId, kept.SubscriptionId], await List(null));
        Assert.Equal([canceled.SubscriptionId, pastDue.SubscriptionId, kept.SubscriptionId], await List("all"));
        Assert.Equal([canceled.SubscriptionId], await List("canceled"));
        Assert.Equal([canceled.SubscriptionId], await List("ended"));
        Assert.Equal([pastDue.SubscriptionId], await List("past_due"));
        Assert.Equal([kept.SubscriptionId], await List("all", kept.CustomerId));
    }

    [Fact]
    public async Task Bad_cursor_and_limit_are_refused_like_stripe()
    {
        await using var host = await EmulatorHost.StartAsync();

        var cursor = await Assert.ThrowsAsync<StripeException>(() =>
            host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { StartingAfter = "in_missing" }));
        var limit = await Assert.ThrowsAsync<StripeException>(() =>
            host.Stripe.V1.Subscriptions.ListAsync(new SubscriptionListOptions { Limit = 101 }));
        var both = await Assert.ThrowsAsync<StripeException>(() =>
            host.Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { StartingAfter = "in_a", EndingBefore = "in_b" }));

        Assert.Equal((HttpStatusCode.BadRequest, "resource_missing", "starting_after"), (cursor.HttpStatusCode, cursor.StripeError.Code, cursor.StripeError.Param));
        Assert.Equal((HttpStatusCode.BadRequest, "limit"), (limit.HttpStatusCode, limit.StripeError.Param));
        Assert.Equal("parameters_exclusive", both.StripeError.Code);
    }

    /// <summary>Each subscription's first invoice and one renewal; returns the invoice ids oldest first.</summary>
    private static async Task<List<string>> MakeInvoicesAsync(EmulatorHost host, int subscriptions)
    {
        var ids = new List<string>();
        for (var i = 0; i < subscriptions; i++)
        {
            var session = await host.SubscribeAsync();
            ids.Add(session.InvoiceId);
            ids.Add(await host.Emulator.AdvanceMonthAsync(session.SubscriptionId));
        }
        return ids;
    }
}
