using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.Payments;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Api;

/// <summary>Charges, payment intents, payment methods, refunds, disputes and balance transactions: lists (Stripe's filters and paging), retrieval, refunds and accepting a dispute.</summary>
internal static class PaymentsApi
{
    public static JsonObject ListCharges(ApiRequest request)
    {
        var form = request.Params;
        var (customer, intent) = (form.Get("customer"), form.Get("payment_intent"));
        // Transfer groups belong to Connect, which the emulator has no part of: a filter by one matches nothing.
        var transferGroup = form.Get("transfer_group");
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/charges", "charge", NewestFirst(store.Charges, c => c.Sequence),
            c => c.Id, c => c.Created,
            c => (customer is null || c.CustomerId == customer) && (intent is null || c.PaymentIntentId == intent) && transferGroup is null,
            c => StripeJson.Charge(store, c)));
    }

    public static JsonObject RetrieveCharge(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.Charge(store, EmulatorStore.Find(store.Charges, request.Id, "charge")));

    public static JsonObject ListPaymentIntents(ApiRequest request)
    {
        var form = request.Params;
        var customer = form.Get("customer");
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/payment_intents", "payment_intent",
            NewestFirst(store.PaymentIntents, p => p.Sequence), p => p.Id, p => p.Created,
            p => customer is null || p.CustomerId == customer, p => StripeJson.PaymentIntent(store, p)));
    }

    public static JsonObject RetrievePaymentIntent(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.PaymentIntent(store, EmulatorStore.Find(store.PaymentIntents, request.Id, "payment_intent")));

    public static JsonObject RetrievePaymentMethod(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.PaymentMethod(EmulatorStore.Find(store.PaymentMethods, request.Id, "payment_method")));

    /// <summary><c>POST /v1/refunds</c> of a payment intent or a charge, all of what is left or <c>amount</c>.</summary>
    public static JsonObject CreateRefund(ApiRequest request)
    {
        var form = request.Params;
        var (intentId, chargeId) = (form.Get("payment_intent"), form.Get("charge"));
        if (intentId is null && chargeId is null)
        {
            throw StripeEmulatorException.Invalid("One of the following params should be provided for this request: payment_intent or charge.");
        }
        if (intentId is not null && chargeId is not null)
        {
            throw StripeEmulatorException.Exclusive("charge", "payment_intent");
        }
        var store = request.Service<EmulatorStore>();
        var payments = request.Service<PaymentEngine>();
        lock (store.Gate)
        {
            var charge = chargeId is not null
                ? EmulatorStore.Find(store.Charges, chargeId, "charge", "charge")
                : payments.SucceededCharge(intentId!, "payment_intent");
            return StripeJson.Refund(payments.Refund(charge, form.Long("amount"), form.Get("reason"), form.Hash("metadata")));
        }
    }

    public static JsonObject ListRefunds(ApiRequest request)
    {
        var form = request.Params;
        var (charge, intent) = (form.Get("charge"), form.Get("payment_intent"));
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/refunds", "refund", NewestFirst(store.Refunds, r => r.Sequence),
            r => r.Id, r => r.Created,
            r => (charge is null || r.ChargeId == charge) && (intent is null || r.PaymentIntentId == intent), StripeJson.Refund));
    }

    public static JsonObject RetrieveRefund(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.Refund(EmulatorStore.Find(store.Refunds, request.Id, "refund")));

    public static JsonObject ListDisputes(ApiRequest request)
    {
        var form = request.Params;
        var (charge, intent) = (form.Get("charge"), form.Get("payment_intent"));
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/disputes", "dispute", NewestFirst(store.Disputes, d => d.Sequence),
            d => d.Id, d => d.Created,
            d => (charge is null || d.ChargeId == charge) && (intent is null || d.PaymentIntentId == intent), d => StripeJson.Dispute(store, d)));
    }

    public static JsonObject RetrieveDispute(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.Dispute(store, EmulatorStore.Find(store.Disputes, request.Id, "dispute")));

    public static JsonObject CloseDispute(ApiRequest request) =>
        ResourcesApi.Read(request, _ => request.Service<PaymentEngine>().AcceptDispute(request.Id));

    public static JsonObject ListBalanceTransactions(ApiRequest request)
    {
        var form = request.Params;
        var (currency, source, type) = (form.Get("currency")?.ToLowerInvariant(), form.Get("source"), form.Get("type"));
        // Payouts are not emulated, so no balance transaction belongs to one.
        var payout = form.Get("payout");
        return ResourcesApi.Read(request, store => ListPage.Render(form, "/v1/balance_transactions", "balance_transaction",
            NewestFirst(store.BalanceTransactions, t => t.Sequence), t => t.Id, t => t.Created,
            t => (currency is null || t.Currency == currency) && (source is null || t.SourceId == source) && (type is null || t.Type == type)
                && payout is null,
            t => StripeJson.BalanceTransaction(store, t)));
    }

    public static JsonObject RetrieveBalanceTransaction(ApiRequest request) =>
        ResourcesApi.Read(request, store => StripeJson.BalanceTransaction(store, EmulatorStore.Find(store.BalanceTransactions, request.Id, "balance_transaction")));

    private static List<T> NewestFirst<T>(Dictionary<string, T> table, Func<T, long> sequence) => [.. table.Values.OrderByDescending(sequence)];
}
