using System.Text.Json.Nodes;
using Support.StripeEmulator.Billing;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Payments;

/// <summary>
/// Card payments: payment methods, payment intents and their attempts (a charge that succeeds or fails, or an
/// authentication the payer must complete), with their balance transactions and events. Call under the store lock.
/// </summary>
internal sealed partial class PaymentEngine(EmulatorStore store, EventLog events)
{
    // Stripe's standard card pricing in the US (2.9% + 30¢), taken from every successful charge.
    private const decimal PercentFee = 0.029m;
    private const long FixedFee = 30;

    public PaymentMethod CreatePaymentMethod(string cardNumber, string? customerId, string? email, string? name)
    {
        var method = new PaymentMethod
        {
            Id = StripeIds.New("pm_"),
            CardNumber = cardNumber,
            Created = store.Now,
            CustomerId = customerId,
            Email = email,
            Name = name,
        };
        store.PaymentMethods[method.Id] = method;
        return method;
    }

    public PaymentIntent CreateIntent(long amount, string currency, string? customerId, string? description,
        Dictionary<string, string>? metadata = null)
    {
        var intent = new PaymentIntent
        {
            Id = StripeIds.New("pi_"),
            Amount = amount,
            Currency = currency,
            Created = store.Now,
            Sequence = store.NextSequence(),
            CustomerId = customerId,
            Description = description,
            Metadata = metadata ?? [],
        };
        store.PaymentIntents[intent.Id] = intent;
        return intent;
    }

    /// <summary>
    /// One attempt to collect the intent with the card, recording charge.succeeded and payment_intent.succeeded,
    /// charge.failed and payment_intent.payment_failed, or payment_intent.requires_action. A succeeded charge is
    /// returned; callers record their own events and then call <see cref="AfterPayment"/>.
    /// </summary>
    public (CardOutcome Outcome, Charge? Charge) Attempt(PaymentIntent intent, PaymentMethod method, Presence presence)
    {
        intent.PaymentMethodId = method.Id;
        var outcome = TestCards.Charge(method.CardNumber, presence);
        if (outcome == CardOutcome.RequiresAction)
        {
            intent.Status = "requires_action";
            intent.LastError = null;
            events.Record("payment_intent.requires_action", StripeJson.PaymentIntent(store, intent));
            return (outcome, null);
        }
        var succeeded = outcome == CardOutcome.Succeeds;
        var chargeId = StripeIds.New("ch_");
        var failure = succeeded ? null : new PaymentError("card_declined", "generic_decline", TestCards.DeclinedMessage, chargeId, method.Id);
        var charge = new Charge
        {
            Id = chargeId,
            CustomerId = intent.CustomerId,
            PaymentIntentId = intent.Id,
            PaymentMethodId = method.Id,
            Amount = intent.Amount,
            Currency = intent.Currency,
            Created = store.Now,
            Sequence = store.NextSequence(),
            Status = succeeded ? "succeeded" : "failed",
            Description = intent.Description,
            Failure = failure,
            BalanceTransactionId = succeeded ? ChargeTransaction(chargeId, intent).Id : null,
        };
        store.Charges[charge.Id] = charge;
        intent.LatestChargeId = charge.Id;
        intent.Status = succeeded ? "succeeded" : "requires_payment_method";
        intent.LastError = failure;
        events.Record(succeeded ? "charge.succeeded" : "charge.failed", StripeJson.Charge(store, charge));
        events.Record(succeeded ? "payment_intent.succeeded" : "payment_intent.payment_failed", StripeJson.PaymentIntent(store, intent));
        return (outcome, succeeded ? charge : null);
    }

    /// <summary>The payer could not authenticate: the intent asks for another payment method (payment_intent.payment_failed).</summary>
    public void FailAuthentication(PaymentIntent intent)
    {
        intent.Status = "requires_payment_method";
        intent.LastError = new PaymentError("payment_intent_authentication_failure", null, TestCards.AuthenticationFailedMessage, null, intent.PaymentMethodId);
        events.Record("payment_intent.payment_failed", StripeJson.PaymentIntent(store, intent));
    }

    /// <summary>No payment will be asked for (its invoice was voided); no event, as the emulator sends none for intents it cancels.</summary>
    public void Cancel(PaymentIntent intent, string reason)
    {
        intent.Status = "canceled";
        intent.CanceledAt = store.Now;
        intent.CancellationReason = reason;
    }

    /// <summary>What follows a payment on its own: card 0259's charge is disputed as fraudulent.</summary>
    public void AfterPayment(Charge? charge)
    {
        if (charge is not null && store.PaymentMethods[charge.PaymentMethodId].CardNumber == TestCards.Disputed)
        {
            OpenDispute(charge);
        }
    }

    public PaymentMethod Attach(string cardNumber, Customer customer, string? name)
    {
        var method = CreatePaymentMethod(cardNumber, customer.Id, customer.Email, name);
        events.Record("payment_method.attached", StripeJson.PaymentMethod(method));
        return method;
    }

    private BalanceTransaction ChargeTransaction(string chargeId, PaymentIntent intent) =>
        AddTransaction(intent.Amount, (long)Math.Round(intent.Amount * PercentFee, MidpointRounding.AwayFromZero) + FixedFee,
            "Stripe processing fees", intent.Currency, "charge", "charge", chargeId, intent.Description);

    private BalanceTransaction AddTransaction(long amount, long fee, string? feeDescription, string currency, string type,
        string category, string sourceId, string? description)
    {
        var transaction = new BalanceTransaction
        {
            Id = StripeIds.New("txn_"),
            Amount = amount,
            Fee = fee,
            FeeDescription = feeDescription,
            Currency = currency,
            Created = store.Now,
            Sequence = store.NextSequence(),
            Type = type,
            ReportingCategory = category,
            SourceId = sourceId,
            Description = description,
        };
        store.BalanceTransactions[transaction.Id] = transaction;
        return transaction;
    }

    private static JsonObject Previous(string key, JsonNode? value) => new() { [key] = value };
}
