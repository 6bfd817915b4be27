using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 16: failed renewals, Stripe's retries, and the ways they end (paid, or the subscription canceled for payment_failed).</summary>
public sealed class RecoveryTests
{
    private static readonly DateTimeOffset _start = new(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan[] _twoRetries = [TimeSpan.FromDays(1), TimeSpan.FromDays(2)];

    [Fact]
    public async Task Failed_renewal_is_retried_on_the_schedule_and_the_last_failure_cancels_for_payment_failed()
    {
        await using var host = await EmulatorHost.StartAsync(time: new FakeTimeProvider(_start), configure: o => o.PaymentRetrySchedule = _twoRetries);
        var session = await host.SubscribeAsync("4000 0000 0000 0341");
        var renewalAt = _start.AddMonths(1);

        var invoiceId = await host.AdvanceAsync(session.SubscriptionId);
        var failed = await host.Stripe.V1.Invoices.GetAsync(invoiceId);
        var statusAfterSecond = await host.Emulator.RetryInvoicePaymentAsync(invoiceId);
        var retried = await host.Stripe.V1.Invoices.GetAsync(invoiceId);
        var statusAfterLast = await host.Emulator.RetryInvoicePaymentAsync(invoiceId);
        await host.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        var ended = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);
        var last = await host.Stripe.V1.Invoices.GetAsync(invoiceId);
        var noMore = await Assert.ThrowsAsync<StripeEmulatorException>(() => host.Emulator.RetryInvoicePaymentAsync(invoiceId));

        Assert.Equal(("open", 1L, renewalAt.AddDays(1).UtcDateTime), (failed.Status, failed.AttemptCount, failed.NextPaymentAttempt));
        Assert.Equal(("open", 2L, renewalAt.AddDays(3).UtcDateTime), (statusAfterSecond, retried.AttemptCount, retried.NextPaymentAttempt));
        Assert.Equal(("open", 3L, (DateTime?)null), (statusAfterLast, last.AttemptCount, last.NextPaymentAttempt));
        Assert.Equal(("canceled", "payment_failed"), (ended.Status, ended.CancellationDetails.Reason));
        Assert.Equal(3, host.Received.Count(e => e.Type == "invoice.payment_failed"));
        Assert.Equal("customer.subscription.deleted", host.Received.Last().Type);
        Assert.Contains("no automatic retry", noMore.Message);
    }

    [Fact]
    public async Task A_fixed_card_makes_the_next_retry_pay_and_the_subscription_active_again()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync("4000 0000 0000 0341");
        var invoiceId = await host.AdvanceAsync(session.SubscriptionId);
        var seen = host.Emulator.Events.Count;

        var methodId = await host.Emulator.UpdateCardAsync(session.CustomerId, "4242 4242 4242 4242");
        var status = await host.Emulator.RetryInvoicePaymentAsync(invoiceId);
        await host.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        var subscription = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);
        var customer = await host.Stripe.V1.Customers.GetAsync(session.CustomerId);

        Assert.Equal("paid", status);
        Assert.Equal(("active", methodId), (subscription.Status, subscription.DefaultPaymentMethodId));
        Assert.Equal(methodId, customer.InvoiceSettings.DefaultPaymentMethodId);
        Assert.Equal(["payment_method.attached", "customer.updated", "customer.subscription.updated",
            "charge.succeeded", "payment_intent.succeeded", "invoice.paid", "customer.subscription.updated"], host.EventTypesAfter(seen));
        Assert.Equal("past_due", host.Received.Last().Data.PreviousAttributes["status"]!.ToString());
    }

    [Fact]
    public async Task Advancing_a_past_due_subscription_runs_the_retries_due_before_its_next_renewal()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => o.PaymentRetrySchedule = _twoRetries);
        var session = await host.SubscribeAsync("4000 0000 0000 0341");
        var invoiceId = await host.AdvanceAsync(session.SubscriptionId);

        var next = await host.AdvanceAsync(session.SubscriptionId);
        var subscription = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);

        Assert.Equal("", next);
        Assert.Equal(("canceled", "payment_failed"), (subscription.Status, subscription.CancellationDetails.Reason));
        Assert.Equal(3L, (await host.Stripe.V1.Invoices.GetAsync(invoiceId)).AttemptCount);
    }

    [Fact]
    public async Task With_past_due_after_the_last_failure_the_subscription_stays_past_due()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => (o.PaymentRetrySchedule, o.AfterFinalPaymentFailure) = ([], FinalFailure.PastDue));
        var session = await host.SubscribeAsync("4000 0000 0000 0341");

        var invoiceId = await host.AdvanceAsync(session.SubscriptionId);
        var subscription = await host.Stripe.V1.Subscriptions.GetAsync(session.SubscriptionId);

        Assert.Equal("past_due", subscription.Status);
        Assert.Null((await host.Stripe.V1.Invoices.GetAsync(invoiceId)).NextPaymentAttempt);
        Assert.DoesNotContain(host.Received, e => e.Type == "customer.subscription.deleted");
    }

    [Fact]
    public async Task Without_retries_the_first_failure_cancels_the_subscription()
    {
        await using var host = await EmulatorHost.StartAsync(configure: o => o.PaymentRetrySchedule = []);
        var session = await host.SubscribeAsync("4000 0000 0000 0341");

        await host.AdvanceAsync(session.SubscriptionId);

        Assert.Equal(["invoice.payment_failed", "customer.subscription.updated", "customer.subscription.deleted"],
            host.ReceivedTypes().Where(t => t.StartsWith("invoice.pay", StringComparison.Ordinal) || t.StartsWith("customer.subscription", StringComparison.Ordinal)).Skip(1));
    }

    [Fact]
    public async Task Retry_control_over_http_answers_the_invoice_and_refuses_a_paid_one()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.SubscribeAsync("4000 0000 0000 0341");
        var invoiceId = await host.AdvanceAsync(session.SubscriptionId);

        using var card = await host.Http.PostAsync($"/stripe-emulator/control/customers/{session.CustomerId}/card?number=4242424242424242", null);
        using var retry = await host.Http.PostAsync($"/stripe-emulator/control/invoices/{invoiceId}/retry", null);
        using var again = await host.Http.PostAsync($"/stripe-emulator/control/invoices/{invoiceId}/retry", null);

        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Contains("\"last4\":\"4242\"", await card.Content.ReadAsStringAsync());
        Assert.Contains("\"status\":\"paid\"", await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }
}
