using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Payments;

internal sealed partial class PaymentEngine
{
    /// <summary>
    /// Refunds part or all of a succeeded charge (the rest of it when <paramref name="amount"/> is null): refund.created,
    /// then charge.refunded. Refunds add up on the charge; a disputed charge cannot be refunded.
    /// </summary>
    public Refund Refund(Charge charge, long? amount, string? reason = null, Dictionary<string, string>? metadata = null)
    {
        if (charge.Status != "succeeded")
        {
            throw StripeEmulatorException.Invalid($"Charge {charge.Id} did not succeed, so there is nothing to refund.", "charge");
        }
        if (charge.Disputed)
        {
            throw new StripeEmulatorException(400, "invalid_request_error",
                $"Charge {charge.Id} has been charged back; cannot issue a refund.", "charge_disputed", "charge");
        }
        var left = charge.Amount - charge.AmountRefunded;
        if (left == 0)
        {
            throw new StripeEmulatorException(400, "invalid_request_error",
                $"Charge {charge.Id} has already been refunded.", "charge_already_refunded", "charge");
        }
        var refunded = amount ?? left;
        if (refunded <= 0 || refunded > left)
        {
            throw StripeEmulatorException.Invalid($"Refund amount ({refunded}) must be between 1 and the unrefunded {left}.", "amount");
        }
        var previous = new JsonObject { ["amount_refunded"] = charge.AmountRefunded };
        charge.AmountRefunded += refunded;
        if (charge.AmountRefunded == charge.Amount)
        {
            previous["refunded"] = false;
        }
        var id = StripeIds.New("re_");
        var refund = new Refund
        {
            Id = id,
            ChargeId = charge.Id,
            PaymentIntentId = charge.PaymentIntentId,
            CustomerId = charge.CustomerId,
            Amount = refunded,
            Currency = charge.Currency,
            Created = store.Now,
            Sequence = store.NextSequence(),
            BalanceTransactionId = AddTransaction(-refunded, 0, null, charge.Currency, "refund", "refund", id, "REFUND FOR CHARGE").Id,
            Reason = reason,
            Metadata = metadata ?? [],
        };
        store.Refunds[refund.Id] = refund;
        events.Record("refund.created", StripeJson.Refund(refund));
        events.Record("charge.refunded", StripeJson.Charge(store, charge), previous);
        return refund;
    }

    /// <summary>The charge a refund of this payment intent takes back: its succeeded one.</summary>
    public Charge SucceededCharge(string paymentIntentId, string param)
    {
        var intent = EmulatorStore.Find(store.PaymentIntents, paymentIntentId, "payment_intent", param);
        return intent.Status == "succeeded" && intent.LatestChargeId is { } chargeId
            ? store.Charges[chargeId]
            : throw StripeEmulatorException.Invalid($"PaymentIntent {intent.Id} does not have a successful charge to refund.", param);
    }
}
