using System.Net;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 15: renewals by the subscription's own interval (annual gifts) and Stripe's notice before each renewal.</summary>
public sealed class RenewalTests
{
    private static readonly DateTimeOffset _start = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Annual_subscription_renews_a_year_later_with_a_cycle_invoice_for_the_new_year()
    {
        await using var host = await EmulatorHost.StartAsync(time: new FakeTimeProvider(_start));
        var session = await host.SubscribeAsync(interval: "year", unitAmount: 12000);

        var invoice = await host.Stripe.V1.Invoices.GetAsync(await host.AdvanceAsync(session.SubscriptionId));
        var item = (await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId)).Items.Data[0];

        Assert.Equal(("year", _start.AddYears(1).UtcDateTime, _start.AddYears(2).UtcDateTime),
            (item.Price.Recurring.Interval, item.CurrentPeriodStart, item.CurrentPeriodEnd));
        Assert.Equal(("paid", "subscription_cycle", 12000L), (invoice.Status, invoice.BillingReason, invoice.AmountPaid));
        Assert.Equal((_start.UtcDateTime, _start.AddYears(1).UtcDateTime), (invoice.PeriodStart, invoice.PeriodEnd));
        Assert.Equal(_start.AddYears(2).UtcDateTime, invoice.Lines.Data[0].Period.End);
        Assert.Equal("1 × Reader support (at $120.00 / year)", invoice.Lines.Data[0].Description);
    }

    [Fact]
    public async Task Advancing_sends_invoice_upcoming_before_the_renewal_it_announces()
    {
        await using var host = await EmulatorHost.StartAsync(time: new FakeTimeProvider(_start));
        var session = await host.SubscribeAsync(interval: "year", unitAmount: 12000);

        await host.AdvanceAsync(session.SubscriptionId);
        var upcoming = host.Received.Single(e => e.Type == "invoice.upcoming");
        var invoice = (Invoice)upcoming.Data.Object;

        Assert.Equal(["invoice.upcoming", "charge.succeeded", "payment_intent.succeeded", "invoice.paid", "customer.subscription.updated"],
            host.EventTypesAfter(EmulatorHost.CheckoutEventCount));
        Assert.Null(invoice.Id);
        Assert.Equal(("draft", "upcoming", 12000L), (invoice.Status, invoice.BillingReason, invoice.AmountDue));
        Assert.Equal(_start.AddYears(1).UtcDateTime, invoice.NextPaymentAttempt);
        Assert.Equal(session.SubscriptionId, invoice.Parent.SubscriptionDetails.SubscriptionId);
        Assert.Equal(_start.AddYears(2).UtcDateTime, invoice.Lines.Data[0].Period.End);
    }

    [Fact]
    public async Task Upcoming_control_sends_the_notice_now_and_advancing_does_not_send_it_twice()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => o.UpcomingInvoiceDays = null);
        var session = await host.SubscribeAsync();

        await host.Emulator.SendUpcomingInvoiceAsync(session.SubscriptionId);
        using var overHttp = await host.Http.PostAsync($"/stripe-emulator/control/subscriptions/{session.SubscriptionId}/upcoming", null);
        await host.AdvanceAsync(session.SubscriptionId);
        await host.AdvanceAsync(session.SubscriptionId);

        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Contains("\"billing_reason\":\"upcoming\"", await overHttp.Content.ReadAsStringAsync());
        Assert.Equal(2, host.Emulator.Events.Count(e => e.Type == "invoice.upcoming"));
    }

    [Fact]
    public async Task Upcoming_days_send_one_notice_per_renewal_and_none_for_a_subscription_that_ends()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();

        await host.Emulator.SendUpcomingInvoiceAsync(session.SubscriptionId);
        await host.AdvanceAsync(session.SubscriptionId);
        await host.AdvanceAsync(session.SubscriptionId);
        await host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId, new SubscriptionUpdateOptions { CancelAtPeriodEnd = true });
        var ends = await Assert.ThrowsAsync<StripeEmulatorException>(() => host.Emulator.SendUpcomingInvoiceAsync(session.SubscriptionId));

        Assert.Equal(2, host.Emulator.Events.Count(e => e.Type == "invoice.upcoming"));
        Assert.Equal("invoice_upcoming_none", ends.Code);
    }
}
