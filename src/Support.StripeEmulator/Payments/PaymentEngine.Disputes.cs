using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Payments;

internal sealed partial class PaymentEngine
{
    // Stripe's dispute fee in the US ($15), withdrawn with the amount and not returned when the dispute is won
    // (support.stripe.com/topics/disputes: the received fee stays; a separate countered fee is not modelled).
    private const long DisputeFee = 1500;
    private static readonly TimeSpan _evidenceWindow = TimeSpan.FromDays(7);

    /// <summary>The cardholder's bank disputes the charge: its amount and the fee leave the balance.</summary>
    private void OpenDispute(Charge charge)
    {
        var dispute = new Dispute
        {
            Id = StripeIds.New("dp_"),
            ChargeId = charge.Id,
            PaymentIntentId = charge.PaymentIntentId,
            Amount = charge.Amount,
            Currency = charge.Currency,
            Created = store.Now,
            Sequence = store.NextSequence(),
            EvidenceDueBy = store.Now + _evidenceWindow,
        };
        dispute.BalanceTransactionIds.Add(AddTransaction(-charge.Amount, DisputeFee, "Dispute fee", charge.Currency, "adjustment", "dispute",
            dispute.Id, $"Chargeback withdrawal for {charge.Id}").Id);
        store.Disputes[dispute.Id] = dispute;
        charge.Disputed = true;
        events.Record("charge.dispute.created", StripeJson.Dispute(store, dispute));
        events.Record("charge.dispute.funds_withdrawn", StripeJson.Dispute(store, dispute));
    }

    /// <summary>
    /// The bank decides: evidence is submitted first when none was (charge.dispute.updated, under_review), then the
    /// dispute closes won (the amount comes back, charge.dispute.funds_reinstated) or lost.
    /// </summary>
    public JsonObject CloseDispute(string disputeId, bool won)
    {
        var dispute = OpenFor(disputeId);
        if (dispute.Status == "needs_response")
        {
            dispute.Status = "under_review";
            dispute.SubmissionCount++;
            events.Record("charge.dispute.updated", StripeJson.Dispute(store, dispute), Previous("status", "needs_response"));
        }
        var previous = Previous("status", dispute.Status);
        dispute.Status = won ? "won" : "lost";
        if (won)
        {
            dispute.BalanceTransactionIds.Add(AddTransaction(dispute.Amount, 0, null, dispute.Currency, "adjustment", "dispute_reversal",
                dispute.Id, $"Chargeback reversal for {dispute.ChargeId}").Id);
        }
        events.Record("charge.dispute.closed", StripeJson.Dispute(store, dispute), previous);
        if (won)
        {
            events.Record("charge.dispute.funds_reinstated", StripeJson.Dispute(store, dispute));
        }
        return StripeJson.Dispute(store, dispute);
    }

    /// <summary><c>POST /v1/disputes/{id}/close</c>: the merchant accepts the dispute, which is then lost.</summary>
    public JsonObject AcceptDispute(string disputeId)
    {
        var dispute = OpenFor(disputeId);
        var previous = Previous("status", dispute.Status);
        dispute.Status = "lost";
        events.Record("charge.dispute.closed", StripeJson.Dispute(store, dispute), previous);
        return StripeJson.Dispute(store, dispute);
    }

    private Dispute OpenFor(string disputeId)
    {
        var dispute = EmulatorStore.Find(store.Disputes, disputeId, "dispute");
        return dispute.Status is "needs_response" or "under_review"
            ? dispute
            : throw StripeEmulatorException.Invalid($"This dispute is already closed ({dispute.Status}).");
    }
}
