using System.Net;
using Stripe;

namespace Support.StripeEmulator.Tests;

/// <summary>Issue 17: card 4000 0000 0000 0259 is disputed after its payment; disputes close won or lost with their balance transactions.</summary>
public sealed class DisputeTests
{
    private const string DisputedCard = "4000 0000 0000 0259";

    [Fact]
    public async Task Payment_with_card_0259_is_disputed_after_it_succeeds_and_the_fee_is_withdrawn()
    {
        await using var host = await EmulatorHost.StartAsync();

        var session = await host.SubscribeAsync(DisputedCard);
        var dispute = (Dispute)host.Received.Single(e => e.Type == "charge.dispute.created").Data.Object;
        var charge = await host.Stripe.V1.Charges.GetAsync(dispute.ChargeId);
        var withdrawal = Assert.Single(dispute.BalanceTransactions);
        var refund = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = charge.Id }));

        Assert.Equal([.. EmulatorHost.SubscriptionCheckoutEvents, "charge.dispute.created", "charge.dispute.funds_withdrawn"], host.ReceivedTypes());
        Assert.Equal(("needs_response", "fraudulent", 500L, false), (dispute.Status, dispute.Reason, dispute.Amount, dispute.IsChargeRefundable));
        Assert.Equal(await host.PaymentIntentOfAsync(session.InvoiceId), dispute.PaymentIntentId);
        Assert.True(charge.Disputed);
        Assert.Equal((-500L, 1500L, -2000L, "dispute"), (withdrawal.Amount, withdrawal.Fee, withdrawal.Net, withdrawal.ReportingCategory));
        Assert.Equal("Dispute fee", Assert.Single(withdrawal.FeeDetails).Description);
        Assert.Equal("charge_disputed", refund.StripeError.Code);
    }

    [Fact]
    public async Task Dispute_won_reinstates_the_amount_but_not_the_fee()
    {
        await using var host = await EmulatorHost.StartAsync();
        await host.GiveOnceAsync(2500, DisputedCard);
        var disputeId = (await host.Stripe.V1.Disputes.ListAsync()).Data.Single().Id;
        var seen = host.Emulator.Events.Count;

        await host.Emulator.CloseDisputeAsync(disputeId, won: true);
        await host.Emulator.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        var dispute = await host.Stripe.V1.Disputes.GetAsync(disputeId);

        Assert.Equal(["charge.dispute.updated", "charge.dispute.closed", "charge.dispute.funds_reinstated"], host.EventTypesAfter(seen));
        Assert.Equal(("won", 1L, true), (dispute.Status, dispute.EvidenceDetails.SubmissionCount, dispute.EvidenceDetails.HasEvidence));
        Assert.Equal([(-2500L, 1500L), (2500L, 0L)], dispute.BalanceTransactions.Select(t => (t.Amount, t.Fee)));
        Assert.Equal("under_review", ((Dispute)host.Received.Single(e => e.Type == "charge.dispute.updated").Data.Object).Status);
    }

    [Fact]
    public async Task Dispute_lost_over_http_keeps_the_withdrawal_and_cannot_be_closed_twice()
    {
        await using var host = await EmulatorHost.StartAsync();
        await host.GiveOnceAsync(2500, DisputedCard);
        var disputeId = (await host.Stripe.V1.Disputes.ListAsync()).Data.Single().Id;

        using var bad = await host.Http.PostAsync($"/stripe-emulator/control/disputes/{disputeId}/close?outcome=maybe", null);
        using var lost = await host.Http.PostAsync($"/stripe-emulator/control/disputes/{disputeId}/close?outcome=lost", null);
        using var again = await host.Http.PostAsync($"/stripe-emulator/control/disputes/{disputeId}/close?outcome=won", null);
        var dispute = await host.Stripe.V1.Disputes.GetAsync(disputeId);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.BadRequest), (bad.StatusCode, lost.StatusCode, again.StatusCode));
        Assert.Equal("lost", dispute.Status);
        Assert.Equal(-4000L, Assert.Single(dispute.BalanceTransactions).Net);
        Assert.DoesNotContain(host.Emulator.Events, e => e.Type == "charge.dispute.funds_reinstated");
    }

    [Fact]
    public async Task Accepting_a_dispute_through_the_api_loses_it_at_once()
    {
        await using var host = await EmulatorHost.StartAsync();
        await host.GiveOnceAsync(2500, DisputedCard);
        var disputeId = (await host.Stripe.V1.Disputes.ListAsync()).Data.Single().Id;
        var seen = host.Emulator.Events.Count;

        var accepted = await host.Stripe.V1.Disputes.CloseAsync(disputeId);

        Assert.Equal("lost", accepted.Status);
        Assert.Equal(["charge.dispute.closed"], host.EventTypesAfter(seen));
    }
}
