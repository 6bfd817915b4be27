using System.Globalization;
using System.Text.Json.Nodes;
using Support.StripeEmulator.Checkout;
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
            ["cancellation_details"] = Cancellation(subscription.Cancellation),
            ["collection_method"] = "charge_automatically",
            ["created"] = Unix(subscription.Created),
            ["currency"] = price.Currency,
            ["customer"] = expandCustomer
                ? Customer(store.Customers[subscription.CustomerId])
                : subscription.CustomerId,
            ["default_payment_method"] = subscription.PaymentMethodId,
            ["description"] = null,
            ["ended_at"] = Unix(subscription.EndedAt),
            ["items"] = List([SubscriptionItem(store, subscription)], $"/v1/subscription_items?subscription={subscription.Id}"),
            ["latest_invoice"] = subscription.LatestInvoiceId,
            ["livemode"] = false,
            ["metadata"] = Metadata(subscription.Metadata),
            ["pause_collection"] = PauseCollection(subscription.Pause),
            ["start_date"] = Unix(subscription.Created),
            ["status"] = subscription.Status,
            ["trial_end"] = null,
            ["trial_start"] = null,
        };
    }

    public static JsonObject Cancellation(CancellationDetails? cancellation) => new()
    {
        ["comment"] = cancellation?.Comment,
        ["feedback"] = cancellation?.Feedback,
        ["feedback_option"] = null,
        ["reason"] = cancellation?.Reason,
    };

    public static JsonObject? PauseCollection(PauseCollection? pause) =>
        pause is null ? null : new JsonObject { ["behavior"] = pause.Behavior, ["resumes_at"] = Unix(pause.ResumesAt) };

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
        var json = new JsonObject
        {
            ["id"] = invoice.Id,
            ["object"] = "invoice",
            ["amount_due"] = invoice.AmountDue,
            ["amount_paid"] = invoice.AmountPaid,
            ["amount_remaining"] = invoice.Status == "void" ? 0 : invoice.AmountDue - invoice.AmountPaid,
            ["attempt_count"] = invoice.AttemptCount,
            ["attempted"] = invoice.AttemptCount > 0,
            ["billing_reason"] = invoice.BillingReason,
            ["collection_method"] = "charge_automatically",
            ["created"] = Unix(invoice.Created),
            ["currency"] = invoice.Currency,
            ["customer"] = invoice.CustomerId,
            ["customer_email"] = invoice.CustomerEmail,
            ["description"] = invoice.Description,
            ["due_date"] = null,
            ["footer"] = invoice.Footer,
            ["hosted_invoice_url"] = invoice.Preview ? null : invoice.HostedUrl,
            ["invoice_pdf"] = null,
            ["lines"] = List([InvoiceLine(store, invoice, price)], invoice.Preview ? "/v1/invoices/upcoming/lines" : $"/v1/invoices/{invoice.Id}/lines"),
            ["livemode"] = false,
            ["metadata"] = Metadata(invoice.Metadata),
            ["next_payment_attempt"] = Unix(invoice.NextPaymentAttempt),
            ["number"] = invoice.Preview ? null : invoice.Number,
            ["parent"] = invoice.SubscriptionId is null ? null : new JsonObject
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
                ["finalized_at"] = invoice.Preview ? null : Unix(invoice.Created),
                ["marked_uncollectible_at"] = null,
                ["paid_at"] = Unix(invoice.PaidAt),
                ["voided_at"] = Unix(invoice.VoidedAt),
            },
            ["subtotal"] = invoice.AmountDue,
            ["total"] = invoice.AmountDue,
        };
        if (invoice.Preview)
        {
            // Stripe's upcoming invoice has no id yet.
            json.Remove("id");
        }
        return json;
    }

    private static JsonObject InvoiceLine(EmulatorStore store, Invoice invoice, Price price) => new()
    {
        ["id"] = invoice.Preview ? "il_tmp_" + invoice.SubscriptionItemId![3..] : "il_" + invoice.Id[3..],
        ["object"] = "line_item",
        ["amount"] = invoice.AmountDue,
        ["currency"] = invoice.Currency,
        ["description"] = LineDescription(store, invoice, price),
        ["invoice"] = invoice.Preview ? null : invoice.Id,
        ["livemode"] = false,
        ["metadata"] = Metadata(invoice.SubscriptionMetadata),
        ["parent"] = invoice.SubscriptionId is null
            ? new JsonObject
            {
                ["type"] = "invoice_item_details",
                ["invoice_item_details"] = new JsonObject
                {
                    ["invoice_item"] = "ii_" + invoice.Id[3..],
                    ["proration"] = false,
                    ["proration_details"] = new JsonObject { ["credited_items"] = null },
                    ["subscription"] = null,
                },
                ["subscription_item_details"] = null,
            }
            : new JsonObject
            {
                ["type"] = "subscription_item_details",
                ["invoice_item_details"] = null,
                ["subscription_item_details"] = new JsonObject
                {
                    ["invoice_item"] = null,
                    ["proration"] = false,
                    ["proration_details"] = new JsonObject { ["credited_items"] = null },
                    ["subscription"] = invoice.SubscriptionId,
                    ["subscription_item"] = invoice.SubscriptionItemId,
                },
            },
        ["period"] = new JsonObject { ["end"] = Unix(invoice.LineEnd), ["start"] = Unix(invoice.LineStart) },
        ["pricing"] = new JsonObject
        {
            ["type"] = "price_details",
            ["price_details"] = new JsonObject { ["price"] = price.Id, ["product"] = price.ProductId },
            ["unit_amount_decimal"] = price.UnitAmount.ToString(CultureInfo.InvariantCulture),
        },
        ["quantity"] = invoice.Quantity,
        ["subtotal"] = invoice.AmountDue,
    };

    /// <summary>Stripe's wording: "1 × Reader support (at $5.00 / month)", or the product name for a one-time price.</summary>
    private static string LineDescription(EmulatorStore store, Invoice invoice, Price price)
    {
        var product = store.Products.TryGetValue(price.ProductId, out var found) ? found.Name : price.ProductId;
        return price.Interval is { } interval
            ? $"{invoice.Quantity} × {product} (at {Money.Format(price.UnitAmount, price.Currency)} / {interval})"
            : product;
    }

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
        ["status"] = invoice.Status switch { "paid" => "paid", "void" => "canceled", _ => "open" },
        ["status_transitions"] = new JsonObject { ["canceled_at"] = Unix(invoice.VoidedAt), ["paid_at"] = Unix(invoice.PaidAt) },
    };
}
