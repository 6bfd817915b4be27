using System.Net;
using Stripe;
using Stripe.Checkout;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 15: one-time gifts through Checkout in payment mode, their receipts' invoice and their refunds.</summary>
public sealed class OneTimeGiftTests
{
    [Fact]
    public async Task One_time_checkout_makes_a_succeeded_payment_intent_and_charge_without_a_customer()
    {
        await using var host = await EmulatorHost.StartAsync();

        var session = await host.GiveOnceAsync(2500);
        var intent = await host.Stripe.V1.PaymentIntents.GetAsync(session.PaymentIntentId);
        var charge = await host.Stripe.V1.Charges.GetAsync(intent.LatestChargeId);
        var fee = await host.Stripe.V1.BalanceTransactions.GetAsync(charge.BalanceTransactionId);

        Assert.Equal(("payment", "complete", "paid"), (session.Mode, session.Status, session.PaymentStatus));
        Assert.Equal((null, null, null), (session.CustomerId, session.SubscriptionId, session.InvoiceId));
        Assert.Equal("reader@example.com", session.CustomerDetails.Email);
        Assert.Equal(("succeeded", 2500L, 2500L, "42"), (intent.Status, intent.Amount, intent.AmountReceived, intent.Metadata["supporter"]));
        Assert.Equal(("succeeded", true, "4242"), (charge.Status, charge.Paid, charge.PaymentMethodDetails.Card.Last4));
        Assert.Equal((2500L, 103L, 2397L, "charge"), (fee.Amount, fee.Fee, fee.Net, fee.Type));
        Assert.Equal(["charge.succeeded", "payment_intent.succeeded", "checkout.session.completed"], host.ReceivedTypes());
    }

    [Fact]
    public async Task Customer_creation_always_makes_a_customer_for_the_gift()
    {
        await using var host = await EmulatorHost.StartAsync();

        var session = await host.GiveOnceAsync(configure: o => o.CustomerCreation = "always");
        var intent = await host.Stripe.V1.PaymentIntents.GetAsync(session.PaymentIntentId);
        var customer = await host.Stripe.V1.Customers.GetAsync(session.CustomerId);

        Assert.Equal("always", session.CustomerCreation);
        Assert.Equal(customer.Id, intent.CustomerId);
        Assert.Equal("reader@example.com", customer.Email);
        Assert.Equal(["customer.created", "charge.succeeded", "payment_intent.succeeded", "checkout.session.completed"], host.ReceivedTypes());
    }

    [Fact]
    public async Task Invoice_creation_makes_a_paid_one_off_invoice_for_the_payment()
    {
        await using var host = await EmulatorHost.StartAsync();

        var session = await host.GiveOnceAsync(configure: o => o.InvoiceCreation = new SessionInvoiceCreationOptions
        {
            Enabled = true,
            InvoiceData = new SessionInvoiceCreationInvoiceDataOptions { Metadata = new() { ["frequency"] = "once" }, Footer = "No goods or services were provided." },
        });
        var invoice = await host.Stripe.V1.Invoices.GetAsync(session.InvoiceId);
        var payments = await host.Stripe.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions
        {
            Payment = new InvoicePaymentPaymentOptions { Type = "payment_intent", PaymentIntent = session.PaymentIntentId },
        });
        var page = await host.Http.GetStringAsync(invoice.HostedInvoiceUrl);

        Assert.True(session.InvoiceCreation.Enabled);
        Assert.NotNull(session.CustomerId);
        Assert.Equal(("paid", "manual", 2500L, 1L), (invoice.Status, invoice.BillingReason, invoice.AmountPaid, invoice.AttemptCount));
        Assert.Null(invoice.Parent);
        Assert.Equal(("once", "No goods or services were provided."), (invoice.Metadata["frequency"], invoice.Footer));
        Assert.Equal("invoice_item_details", Assert.Single(invoice.Lines.Data).Parent.Type);
        Assert.Equal("Reader support", invoice.Lines.Data[0].Description);
        Assert.Equal(invoice.Id, Assert.Single(payments.Data).InvoiceId);
        Assert.Contains("Paid on", page);
        Assert.Equal(["customer.created", "charge.succeeded", "payment_intent.succeeded", "invoice.paid", "checkout.session.completed"], host.ReceivedTypes());
    }

    [Fact]
    public async Task Checkout_page_of_a_gift_says_donate_and_shows_the_amount_once()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.Stripe.V1.Checkout.Sessions.CreateAsync(EmulatorHost.OneTimeSession(await host.CreateProductAsync(), 2500));

        var html = await host.Http.GetStringAsync(session.Url);

        Assert.Null(session.PaymentIntentId);
        Assert.Contains("Donate $25.00</button>", html);
        Assert.DoesNotContain("per month", html);
    }

    [Fact]
    public async Task Each_mode_refuses_the_other_modes_price_and_parameters()
    {
        await using var host = await EmulatorHost.StartAsync();
        var product = await host.CreateProductAsync();
        var recurringGift = EmulatorHost.OneTimeSession(product, 2500);
        recurringGift.LineItems[0].PriceData.Recurring = new SessionLineItemPriceDataRecurringOptions { Interval = "month" };
        var oneTimeSubscription = EmulatorHost.MonthlySession(product, 500);
        oneTimeSubscription.LineItems[0].PriceData.Recurring = null;
        var customerCreation = EmulatorHost.MonthlySession(product, 500);
        customerCreation.CustomerCreation = "always";

        var recurring = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Checkout.Sessions.CreateAsync(recurringGift));
        var oneTime = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Checkout.Sessions.CreateAsync(oneTimeSubscription));
        var creation = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Checkout.Sessions.CreateAsync(customerCreation));

        Assert.StartsWith("You specified `payment` mode but passed a recurring price.", recurring.Message);
        Assert.StartsWith("You must provide at least one recurring price in `subscription` mode", oneTime.Message);
        Assert.Equal((HttpStatusCode.BadRequest, "customer_creation"), (creation.HttpStatusCode, creation.StripeError.Param));
    }

    [Fact]
    public async Task Refunds_of_a_gift_add_up_and_send_refund_created_then_charge_refunded()
    {
        await using var host = await EmulatorHost.StartAsync();
        var session = await host.GiveOnceAsync(2500);
        var seen = host.Emulator.Events.Count;

        var partial = await host.Emulator.RefundPaymentAsync(session.PaymentIntentId, 1000);
        var rest = await host.Stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId, Reason = "requested_by_customer" });
        await host.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        var refunds = await host.Stripe.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = session.PaymentIntentId });
        var charge = (Charge)host.Received.Last().Data.Object;
        var again = await Assert.ThrowsAsync<StripeException>(() =>
            host.Stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId }));
        var refundTransaction = await host.Stripe.V1.BalanceTransactions.GetAsync(rest.BalanceTransactionId);

        Assert.Equal(["refund.created", "charge.refunded", "refund.created", "charge.refunded"], host.EventTypesAfter(seen));
        Assert.Equal((1500L, "requested_by_customer"), (rest.Amount, rest.Reason));
        Assert.Equal([rest.Id, partial], refunds.Data.Select(r => r.Id));
        Assert.Equal((2500L, true), (charge.AmountRefunded, charge.Refunded));
        Assert.Equal("charge_already_refunded", again.StripeError.Code);
        Assert.Equal((-1500L, 0L, "refund"), (refundTransaction.Amount, refundTransaction.Fee, refundTransaction.Type));
    }
}
