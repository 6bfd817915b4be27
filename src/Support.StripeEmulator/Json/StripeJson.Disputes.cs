using System.Text.Json.Nodes;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Json;

internal static partial class StripeJson
{
    // Every evidence field of API 2026-10-28.endive; the emulator collects none of them.
    private static readonly string[] _evidenceFields =
    [
        "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
        "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
        "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
        "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
        "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
        "uncategorized_file", "uncategorized_text",
    ];

    public static JsonObject Dispute(EmulatorStore store, Dispute dispute)
    {
        var evidence = new JsonObject();
        foreach (var field in _evidenceFields)
        {
            evidence[field] = null;
        }
        evidence["enhanced_evidence"] = new JsonObject();
        return new JsonObject
        {
            ["id"] = dispute.Id,
            ["object"] = "dispute",
            ["amount"] = dispute.Amount,
            ["balance_transactions"] = new JsonArray([.. dispute.BalanceTransactionIds.Select(id => BalanceTransaction(store, store.BalanceTransactions[id]))]),
            ["charge"] = dispute.ChargeId,
            ["created"] = Unix(dispute.Created),
            ["currency"] = dispute.Currency,
            ["enhanced_eligibility_types"] = new JsonArray(),
            ["intended_submission_method"] = null,
            ["evidence"] = evidence,
            ["evidence_details"] = new JsonObject
            {
                ["due_by"] = Unix(dispute.EvidenceDueBy),
                ["enhanced_eligibility"] = new JsonObject(),
                ["has_evidence"] = dispute.SubmissionCount > 0,
                ["past_due"] = false,
                ["submission_count"] = dispute.SubmissionCount,
                ["submission_method"] = dispute.SubmissionCount > 0 ? "manual" : "not_submitted",
            },
            ["is_charge_refundable"] = false,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["payment_intent"] = dispute.PaymentIntentId,
            ["payment_method_details"] = new JsonObject
            {
                ["card"] = new JsonObject { ["brand"] = "visa", ["case_type"] = "chargeback", ["network"] = "visa", ["network_reason_code"] = "10.4" },
                ["type"] = "card",
            },
            ["reason"] = dispute.Reason,
            ["status"] = dispute.Status,
        };
    }

    public static JsonObject BalanceTransaction(EmulatorStore store, BalanceTransaction transaction)
    {
        // Funds become available two days later (Stripe's standard US payout timing), by the emulator's clock.
        var availableOn = transaction.Created.AddDays(2);
        return new JsonObject
        {
            ["id"] = transaction.Id,
            ["object"] = "balance_transaction",
            ["amount"] = transaction.Amount,
            ["available_on"] = Unix(availableOn),
            ["balance_type"] = "payments",
            ["created"] = Unix(transaction.Created),
            ["currency"] = transaction.Currency,
            ["description"] = transaction.Description,
            ["exchange_rate"] = null,
            ["fee"] = transaction.Fee,
            ["fee_details"] = transaction.Fee == 0 ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["amount"] = transaction.Fee,
                ["application"] = null,
                ["currency"] = transaction.Currency,
                ["description"] = transaction.FeeDescription,
                ["type"] = "stripe_fee",
            }),
            ["net"] = transaction.Net,
            ["reporting_category"] = transaction.ReportingCategory,
            ["source"] = transaction.SourceId,
            ["status"] = availableOn <= store.Now ? "available" : "pending",
            ["type"] = transaction.Type,
        };
    }
}
