using System.Text.Json.Nodes;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Json;

internal static partial class StripeJson
{
    // Test cards here are Visa cards expiring in the future; Stripe shows brand, last four digits and expiry only.
    private const int CardExpiryMonth = 12;
    private const int CardExpiryYear = 2034;

    public static JsonObject PaymentMethod(PaymentMethod method) => new()
    {
        ["id"] = method.Id,
        ["object"] = "payment_method",
        ["allow_redisplay"] = "unspecified",
        ["billing_details"] = BillingDetails(method),
        ["card"] = new JsonObject
        {
            ["brand"] = "visa",
            ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "pass" },
            ["country"] = "US",
            ["display_brand"] = "visa",
            ["exp_month"] = CardExpiryMonth,
            ["exp_year"] = CardExpiryYear,
            ["funding"] = "credit",
            ["generated_from"] = null,
            ["last4"] = method.Last4,
            ["networks"] = new JsonObject { ["available"] = new JsonArray("visa"), ["preferred"] = null },
            ["regulated_status"] = "unregulated",
            ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
            ["wallet"] = null,
        },
        ["created"] = Unix(method.Created),
        ["customer"] = method.CustomerId,
        ["customer_account"] = null,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["type"] = "card",
    };

    private static JsonObject BillingDetails(PaymentMethod method) => new()
    {
        ["address"] = null,
        ["email"] = method.Email,
        ["name"] = method.Name,
        ["phone"] = null,
        ["tax_id"] = null,
    };

    public static JsonObject PaymentIntent(EmulatorStore store, PaymentIntent intent) => new()
    {
        ["id"] = intent.Id,
        ["object"] = "payment_intent",
        ["amount"] = intent.Amount,
        ["amount_capturable"] = 0,
        ["amount_received"] = intent.Status == "succeeded" ? intent.Amount : 0,
        ["application"] = null,
        ["automatic_payment_methods"] = null,
        ["canceled_at"] = Unix(intent.CanceledAt),
        ["cancellation_reason"] = intent.CancellationReason,
        ["capture_method"] = "automatic",
        ["client_secret"] = $"{intent.Id}_secret_{intent.Id[3..]}",
        ["confirmation_method"] = "automatic",
        ["created"] = Unix(intent.Created),
        ["currency"] = intent.Currency,
        ["customer"] = intent.CustomerId,
        ["description"] = intent.Description,
        ["last_payment_error"] = intent.LastError is { } error ? PaymentError(store, error) : null,
        ["latest_charge"] = intent.LatestChargeId,
        ["livemode"] = false,
        ["metadata"] = Metadata(intent.Metadata),
        ["next_action"] = intent.Status == "requires_action" ? new JsonObject { ["type"] = "use_stripe_sdk", ["use_stripe_sdk"] = new JsonObject() } : null,
        ["payment_method"] = intent.PaymentMethodId,
        ["payment_method_types"] = new JsonArray("card"),
        ["receipt_email"] = null,
        ["setup_future_usage"] = null,
        ["status"] = intent.Status,
    };

    /// <summary><c>last_payment_error</c>: the charge is an id, the payment method the whole object.</summary>
    private static JsonObject PaymentError(EmulatorStore store, PaymentError error) => new()
    {
        ["charge"] = error.ChargeId,
        ["code"] = error.Code,
        ["decline_code"] = error.DeclineCode,
        ["doc_url"] = $"https://stripe.com/docs/error-codes/{error.Code.Replace('_', '-')}",
        ["message"] = error.Message,
        ["payment_method"] = error.PaymentMethodId is { } id ? PaymentMethod(store.PaymentMethods[id]) : null,
        ["type"] = "card_error",
    };

    public static JsonObject Charge(EmulatorStore store, Charge charge)
    {
        var method = store.PaymentMethods[charge.PaymentMethodId];
        var succeeded = charge.Status == "succeeded";
        return new JsonObject
        {
            ["id"] = charge.Id,
            ["object"] = "charge",
            ["amount"] = charge.Amount,
            ["amount_captured"] = succeeded ? charge.Amount : 0,
            ["amount_refunded"] = charge.AmountRefunded,
            ["balance_transaction"] = charge.BalanceTransactionId,
            ["billing_details"] = BillingDetails(method),
            ["calculated_statement_descriptor"] = "SUPPORT",
            ["captured"] = succeeded,
            ["created"] = Unix(charge.Created),
            ["currency"] = charge.Currency,
            ["customer"] = charge.CustomerId,
            ["description"] = charge.Description,
            ["disputed"] = charge.Disputed,
            ["failure_balance_transaction"] = null,
            ["failure_code"] = charge.Failure?.Code,
            ["failure_message"] = charge.Failure?.Message,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["outcome"] = Outcome(charge),
            ["paid"] = succeeded,
            ["payment_intent"] = charge.PaymentIntentId,
            ["payment_method"] = method.Id,
            ["payment_method_details"] = new JsonObject
            {
                ["type"] = "card",
                ["card"] = new JsonObject
                {
                    ["brand"] = "visa",
                    ["country"] = "US",
                    ["exp_month"] = CardExpiryMonth,
                    ["exp_year"] = CardExpiryYear,
                    ["funding"] = "credit",
                    ["last4"] = method.Last4,
                    ["network"] = "visa",
                },
            },
            ["receipt_email"] = null,
            ["receipt_url"] = null,
            ["refunded"] = charge.AmountRefunded >= charge.Amount,
            ["refunds"] = List(store.Refunds.Values.Where(r => r.ChargeId == charge.Id).OrderByDescending(r => r.Sequence).Select(Refund),
                $"/v1/charges/{charge.Id}/refunds"),
            ["status"] = charge.Status,
        };
    }

    private static JsonObject Outcome(Charge charge) => charge.Failure is null
        ? new JsonObject
        {
            ["advice_code"] = null, ["network_advice_code"] = null, ["network_decline_code"] = null,
            ["network_status"] = "approved_by_network", ["reason"] = null, ["risk_level"] = "normal",
            ["seller_message"] = "Payment complete.", ["type"] = "authorized",
        }
        : new JsonObject
        {
            ["advice_code"] = "try_again_later", ["network_advice_code"] = null, ["network_decline_code"] = null,
            ["network_status"] = "declined_by_network", ["reason"] = charge.Failure.DeclineCode, ["risk_level"] = "normal",
            ["seller_message"] = "The bank did not return any further details with this decline.", ["type"] = "issuer_declined",
        };

    public static JsonObject Refund(Refund refund) => new()
    {
        ["id"] = refund.Id,
        ["object"] = "refund",
        ["amount"] = refund.Amount,
        ["balance_transaction"] = refund.BalanceTransactionId,
        ["charge"] = refund.ChargeId,
        ["created"] = Unix(refund.Created),
        ["currency"] = refund.Currency,
        ["customer"] = refund.CustomerId,
        ["customer_account"] = null,
        ["metadata"] = Metadata(refund.Metadata),
        ["payment_intent"] = refund.PaymentIntentId,
        ["payment_method"] = null,
        ["reason"] = refund.Reason,
        ["receipt_number"] = null,
        ["source_transfer_reversal"] = null,
        ["status"] = "succeeded",
        ["transfer_reversal"] = null,
    };
}
