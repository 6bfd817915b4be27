using System.Text.Json.Nodes;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Json;

internal static partial class StripeJson
{
    public static JsonObject Subscription(EmulatorStore store, Subscription subscription, bool expandCustomer = false)
    {
        var item = subscription.Item;
        var price = store.Prices[item.PriceId];
        return new JsonObject
        {
            ["id"] = subscription.Id,
            ["object"] = "subscription",
            ["billing_cycle_anchor"] = Unix(subscription.Created),
            ["cancel_at"] = subscription.CancelAtPeriodEnd ? Unix(item.CurrentPeriodEnd) : null,
            ["cancel_at_period_end"] = subscription.CancelAtPeriodEnd,
            ["canceled_at"] = Unix(subscription.CanceledAt),
            ["collection_method"] = "charge_automatically",
            ["created"] = Unix(subscription.Created),
            ["currency"] = price.Currency,
            ["customer"] = expandCustomer
                ? Customer(store.Customers[subscription.CustomerId])
                : subscription.CustomerId,
            ["ended_at"] = Unix(subscription.EndedAt),
            ["items"] = List([SubscriptionItem(store, subscription)], $"/v1/subscription_items?subscription={subscription.Id}"),
            ["latest_invoice"] = subscription.LatestInvoiceId,
            ["livemode"] = false,
            ["metadata"] = Metadata(subscription.Metadata),
            ["start_date"] = Unix(subscription.Created),
            ["status"] = subscription.Status,
        };
    }

    private static JsonObject SubscriptionItem(EmulatorStore store, Subscription subscription) => new()
    {
        ["id"] = subscription.Item.Id,
        ["object"] = "subscription_item",
        ["created"] = Unix(subscription.Item.Created),
        ["current_period_end"] = Unix(subscription.Item.CurrentPeriodEnd),
        ["current_period_start"] = Unix(subscription.Item.CurrentPeriodStart),
        ["metadata"] = new JsonObject(),
        ["price"] = Price(store.Prices[subscription.Item.PriceId]),
        ["quantity"] = subscription.Item.Quantity,
        ["subscription"] = subscription.Id,
    };

    public static JsonObject Invoice(EmulatorStore store, Invoice invoice)
    {
        var price = store.Prices[invoice.PriceId];
        return new JsonObject
        {
            ["id"] = invoice.Id,
            ["object"] = "invoice",
            ["amount_due"] = invoice.AmountDue,
            ["amount_paid"] = invoice.AmountPaid,
            ["amount_remaining"] = invoice.AmountDue - invoice.AmountPaid,
            ["attempt_count"] = invoice.AttemptCount,
            ["attempted"] = invoice.AttemptCount > 0,
            ["billing_reason"] = invoice.BillingReason,
            ["collection_method"] = "charge_automatically",
            ["created"] = Unix(invoice.Created),
            ["currency"] = invoice.Currency,
            ["customer"] = invoice.CustomerId,
            ["customer_email"] = invoice.CustomerEmail,
            ["lines"] = List([InvoiceLine(invoice, price)], $"/v1/invoices/{invoice.Id}/lines"),
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["quote_details"] = null,
                ["subscription_details"] = new JsonObject
                {
                    ["metadata"] = Metadata(invoice.SubscriptionMetadata),
                    ["subscription"] = invoice.SubscriptionId,
                },
            },
            ["period_end"] = Unix(invoice.PeriodEnd),
            ["period_start"] = Unix(invoice.PeriodStart),
            ["status"] = invoice.Status,
            ["status_transitions"] = new JsonObject
            {
                ["finalized_at"] = Unix(invoice.Created),
                ["marked_uncollectible_at"] = null,
                ["paid_at"] = Unix(invoice.PaidAt),
                ["voided_at"] = null,
            },
            ["subtotal"] = invoice.AmountDue,
            ["total"] = invoice.AmountDue,
        };
    }

    private static JsonObject InvoiceLine(Invoice invoice, Price price) => new()
    {
        ["id"] = "il_" + invoice.Id[3..],
        ["object"] = "line_item",
        ["amount"] = invoice.AmountDue,
        ["currency"] = invoice.Currency,
        ["description"] = $"{invoice.Quantity} × subscription",
        ["invoice"] = invoice.Id,
        ["livemode"] = false,
        ["metadata"] = Metadata(invoice.SubscriptionMetadata),
        ["parent"] = new JsonObject
        {
            ["type"] = "subscription_item_details",
            ["subscription_item_details"] = new JsonObject
            {
                ["proration"] = false,
                ["subscription"] = invoice.SubscriptionId,
                ["subscription_item"] = invoice.SubscriptionItemId,
            },
        },
        ["period"] = new JsonObject { ["end"] = Unix(invoice.PeriodEnd), ["start"] = Unix(invoice.PeriodStart) },
        ["pricing"] = new JsonObject
        {
            ["type"] = "price_details",
            ["price_details"] = new JsonObject { ["price"] = price.Id, ["product"] = price.ProductId },
            ["unit_amount_decimal"] = price.UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        ["quantity"] = invoice.Quantity,
        ["subtotal"] = invoice.AmountDue,
    };

    public static JsonObject InvoicePayment(Invoice invoice) => new()
    {
        ["id"] = invoice.InvoicePaymentId,
        ["object"] = "invoice_payment",
        ["amount_paid"] = invoice.Status == "paid" ? invoice.AmountPaid : null,
        ["amount_requested"] = invoice.AmountDue,
        ["created"] = Unix(invoice.Created),
        ["currency"] = invoice.Currency,
        ["invoice"] = invoice.Id,
        ["is_default"] = true,
        ["livemode"] = false,
        ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = invoice.PaymentIntentId },
        ["status"] = invoice.Status == "paid" ? "paid" : "open",
        ["status_transitions"] = new JsonObject { ["canceled_at"] = null, ["paid_at"] = Unix(invoice.PaidAt) },
    };

    public static JsonObject Charge(Charge charge) => new()
    {
        ["id"] = charge.Id,
        ["object"] = "charge",
        ["amount"] = charge.Amount,
        ["amount_captured"] = charge.Amount,
        ["amount_refunded"] = charge.AmountRefunded,
        ["captured"] = true,
        ["created"] = Unix(charge.Created),
        ["currency"] = charge.Currency,
        ["customer"] = charge.CustomerId,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["paid"] = true,
        ["payment_intent"] = charge.PaymentIntentId,
        ["refunded"] = charge.AmountRefunded >= charge.Amount,
        ["status"] = "succeeded",
    };

    public static JsonObject Refund(Refund refund) => new()
    {
        ["id"] = refund.Id,
        ["object"] = "refund",
        ["amount"] = refund.Amount,
        ["charge"] = refund.ChargeId,
        ["created"] = Unix(refund.Created),
        ["currency"] = refund.Currency,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = refund.PaymentIntentId,
        ["reason"] = null,
        ["status"] = "succeeded",
    };
}
