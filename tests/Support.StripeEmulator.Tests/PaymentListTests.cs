using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 17: what reconciliation reads besides events: charges, payment intents, refunds, disputes and balance transactions, with created filters and paging.</summary>
public sealed class PaymentListTests
{
    private static readonly DateTimeOffset _start = new(2030, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Charges_and_payment_intents_list_newest_first_with_created_and_customer_filters()
    {
        var time = new FakeTimeProvider(_start);
        await using var host = await EmulatorHost.StartAsync(time: time);
        var early = await host.SubscribeAsync();
        time.Advance(TimeSpan.FromHours(2));
        var late = await host.SubscribeAsync("4000 0000 0000 0341");
        await host.AdvanceAsync(late.SubscriptionId);
        var gift = await host.GiveOnceAsync();

        var all = await host.Stripe.V1.Charges.ListAutoPagingAsync(new ChargeListOptions { Limit = 2 }).ToListAsync();
        var recent = await host.Stripe.V1.Charges.ListAsync(new ChargeListOptions { Created = new DateRangeOptions { GreaterThan = _start.AddHours(1).UtcDateTime } });
        var ofEarly = await host.Stripe.V1.Charges.ListAsync(new ChargeListOptions { Customer = early.CustomerId });
        var ofGift = await host.Stripe.V1.Charges.ListAsync(new ChargeListOptions { PaymentIntent = gift.PaymentIntentId });
        var intents = await host.Stripe.V1.PaymentIntents.ListAsync(new PaymentIntentListOptions { Customer = late.CustomerId });

        Assert.Equal(["succeeded", "failed", "succeeded", "succeeded"], all.Select(c => c.Status));
        Assert.Equal(3, recent.Data.Count);
        Assert.Equal(early.CustomerId, Assert.Single(ofEarly.Data).CustomerId);
        Assert.Equal(2500, Assert.Single(ofGift.Data).Amount);
        Assert.Equal(["requires_payment_method", "succeeded"], intents.Data.Select(i => i.Status));
        Assert.Equal("card_declined", intents.Data[0].LastPaymentError.Code);
    }

    [Fact]
    public async Task Refunds_disputes_and_balance_transactions_list_by_their_source()
    {
        await using var host = await EmulatorHost.StartAsync();
        var gift = await host.GiveOnceAsync(2500);
        var refundId = await host.Emulator.RefundPaymentAsync(gift.PaymentIntentId, 500);
        var disputed = await host.GiveOnceAsync(1000, "4000 0000 0000 0259");

        var refunds = await host.Stripe.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = gift.PaymentIntentId });
        var disputes = await host.Stripe.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = disputed.PaymentIntentId });
        var noDisputes = await host.Stripe.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = gift.PaymentIntentId });
        var adjustments = await host.Stripe.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Type = "adjustment" });
        var ofRefund = await host.Stripe.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Source = refundId });
        var all = await host.Stripe.V1.BalanceTransactions.ListAutoPagingAsync().ToListAsync();

        Assert.Equal(refundId, Assert.Single(refunds.Data).Id);
        Assert.Equal(1000, Assert.Single(disputes.Data).Amount);
        Assert.Empty(noDisputes.Data);
        Assert.Equal(-2500, Assert.Single(adjustments.Data).Net);
        Assert.Equal(-500, Assert.Single(ofRefund.Data).Amount);
        Assert.Equal(["adjustment", "charge", "refund", "charge"], all.Select(t => t.Type));
        Assert.Equal(2500 - 103 - 500 + 1000 - 59 - 2500, all.Sum(t => t.Net));
    }
}
