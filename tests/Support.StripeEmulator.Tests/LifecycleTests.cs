using System.Net;
using Stripe;

namespace Support.StripeEmulator.Tests;

public sealed class LifecycleTests
{
    private static readonly TimeSpan _deliveryTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Renewal_moves_the_period_a_month_and_pays_a_cycle_invoice()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        var before = (await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId)).Items.Data[0];

        var invoiceId = await host.Emulator.AdvanceMonthAsync(session.SubscriptionId);
        await host.Emulator.WaitForDeliveriesAsync(_deliveryTimeout);
        var after = (await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId)).Items.Data[0];
        var invoice = await host.Stripe.V1.Invoices.GetAsync(invoiceId);

        Assert.Equal(before.CurrentPeriodEnd, after.CurrentPeriodStart);
        Assert.Equal(before.CurrentPeriodEnd.AddMonths(1), after.CurrentPeriodEnd);
        Assert.Equal(("paid", "subscription_cycle"), (invoice.Status, invoice.BillingReason));
        Assert.Equal(["invoice.upcoming", "charge.succeeded", "payment_intent.succeeded", "invoice.paid", "customer.subscription.updated"],
            host.ReceivedTypes()[EmulatorHost.CheckoutEventCount..]);
    }

    [Fact]
    public async Task Card_0341_fails_on_renewal_then_paying_the_invoice_recovers()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync("4000 0000 0000 0341");

        var invoiceId = await host.Emulator.AdvanceMonthAsync(session.SubscriptionId);
        var failed = await host.Stripe.V1.Invoices.GetAsync(invoiceId);
        var pastDue = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);
        await host.Emulator.PayInvoiceAsync(invoiceId);
        await host.Emulator.WaitForDeliveriesAsync(_deliveryTimeout);
        var paid = await host.Stripe.V1.Invoices.GetAsync(invoiceId);
        var recovered = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);

        Assert.Equal(("open", 1L, 0L), (failed.Status, failed.AttemptCount, failed.AmountPaid));
        Assert.Equal("past_due", pastDue.Status);
        Assert.Equal(("paid", 2L), (paid.Status, paid.AttemptCount));
        Assert.Equal("active", recovered.Status);
        Assert.Equal(
            ["invoice.upcoming", "charge.failed", "payment_intent.payment_failed", "invoice.payment_failed", "customer.subscription.updated",
             "payment_method.attached", "charge.succeeded", "payment_intent.succeeded", "invoice.paid", "customer.subscription.updated"],
            host.ReceivedTypes()[EmulatorHost.CheckoutEventCount..]);
    }

    [Fact]
    public async Task Amount_change_with_price_data_and_no_proration_updates_the_item()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        var subscription = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);
        var item = subscription.Items.Data[0];

        var updated = await host.Stripe.V1.Subscriptions.UpdateAsync(subscription.Id, new SubscriptionUpdateOptions
        {
            ProrationBehavior = "none",
            Items =
            [
                new SubscriptionItemOptions
                {
                    Id = item.Id,
                    PriceData = new SubscriptionItemPriceDataOptions
                    {
                        Currency = "usd",
                        UnitAmount = 1200,
                        Product = item.Price.ProductId,
                        Recurring = new SubscriptionItemPriceDataRecurringOptions { Interval = "month" },
                    },
                },
            ],
        });
        await host.Emulator.WaitForDeliveriesAsync(_deliveryTimeout);
        var updatedEvent = host.Received.Last();
        var renewal = await host.Stripe.V1.Invoices.GetAsync(await host.Emulator.AdvanceMonthAsync(subscription.Id));

        Assert.Equal(1200, updated.Items.Data[0].Price.UnitAmount);
        Assert.Equal(item.Id, updated.Items.Data[0].Id);
        Assert.Equal("customer.subscription.updated", updatedEvent.Type);
        Assert.Equal(1200, ((Subscription)updatedEvent.Data.Object).Items.Data[0].Price.UnitAmount);
        Assert.Equal(1200, renewal.AmountPaid);
    }

    [Fact]
    public async Task Cancel_at_period_end_is_reversible_and_ends_the_subscription_at_renewal()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        var update = (bool value) => host.Stripe.V1.Subscriptions.UpdateAsync(session.SubscriptionId,
            new SubscriptionUpdateOptions { CancelAtPeriodEnd = value });

        var scheduled = await update(true);
        var resumed = await update(false);
        await update(true);
        var invoiceId = await host.Emulator.AdvanceMonthAsync(session.SubscriptionId);
        await host.Emulator.WaitForDeliveriesAsync(_deliveryTimeout);
        var ended = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);

        Assert.True(scheduled.CancelAtPeriodEnd);
        Assert.Equal(scheduled.Items.Data[0].CurrentPeriodEnd, scheduled.CancelAt);
        Assert.False(resumed.CancelAtPeriodEnd);
        Assert.Equal("", invoiceId);
        Assert.Equal("canceled", ended.Status);
        Assert.Equal("customer.subscription.deleted", host.Received.Last().Type);
    }

    [Fact]
    public async Task Delete_cancels_now_with_a_deleted_event()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();

        var canceled = await host.Stripe.V1.Subscriptions.CancelAsync(session.SubscriptionId);
        await host.Emulator.WaitForDeliveriesAsync(_deliveryTimeout);

        Assert.Equal("canceled", canceled.Status);
        Assert.NotNull(canceled.CanceledAt);
        var deleted = (Subscription)host.Received.Last().Data.Object;
        Assert.Equal(("customer.subscription.deleted", "canceled"), (host.Received.Last().Type, deleted.Status));
    }

    [Fact]
    public async Task Refunds_add_up_on_the_charge_and_invoice_payments_lead_back_to_the_invoice()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();
        var invoiceId = session.InvoiceId;

        await host.Emulator.RefundInvoiceAsync(invoiceId, 200);
        var refundId = await host.Emulator.RefundInvoiceAsync(invoiceId, 300);
        await host.Emulator.WaitForDeliveriesAsync(_deliveryTimeout);
        var charge = (Charge)host.Received.Last().Data.Object;
        var payments = await host.Stripe.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions
        {
            Payment = new InvoicePaymentPaymentOptions { Type = "payment_intent", PaymentIntent = charge.PaymentIntentId },
        });

        Assert.StartsWith("re_", refundId);
        Assert.Equal("charge.refunded", host.Received.Last().Type);
        Assert.Equal((500L, true), (charge.AmountRefunded, charge.Refunded));
        Assert.StartsWith("pi_", charge.PaymentIntentId);
        Assert.Equal(invoiceId, Assert.Single(payments.Data).InvoiceId);
        await Assert.ThrowsAsync<StripeEmulatorException>(() => host.Emulator.RefundInvoiceAsync(invoiceId, 1));
    }

    [Fact]
    public async Task Control_endpoint_advances_a_subscription_over_http()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync();

        using var response = await host.Http.PostAsync($"/stripe-emulator/control/subscriptions/{session.SubscriptionId}/advance", null);
        using var missing = await host.Http.PostAsync("/stripe-emulator/control/invoices/in_missing/refund?amount=100", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"invoice\":\"in_", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
