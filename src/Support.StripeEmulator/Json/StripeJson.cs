using System.Text.Json.Nodes;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Json;

/// <summary>
/// Renders emulator state as Stripe API version 2026-10-28.endive JSON, the shape Stripe.net 53.1.0
/// deserializes. Every call builds fresh nodes, so a result can be placed inside another document.
/// </summary>
internal static partial class StripeJson
{
    public static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    public static JsonNode? Unix(DateTimeOffset? at) => at is { } value ? JsonValue.Create(Unix(value)) : null;

    public static JsonObject Metadata(Dictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            json[key] = value;
        }
        return json;
    }

    public static JsonObject List(IEnumerable<JsonNode> items, string url) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray([.. items]),
        ["has_more"] = false,
        ["url"] = url,
    };

    public static JsonObject Error(StripeEmulatorException error)
    {
        var body = new JsonObject { ["type"] = error.Type, ["message"] = error.Message };
        if (error.Code is not null)
        {
            body["code"] = error.Code;
            body["doc_url"] = $"https://stripe.com/docs/error-codes/{error.Code.Replace('_', '-')}";
        }
        if (error.Param is not null)
        {
            body["param"] = error.Param;
        }
        return new JsonObject { ["error"] = body };
    }

    public static JsonObject Product(Product product) => new()
    {
        ["id"] = product.Id,
        ["object"] = "product",
        ["active"] = true,
        ["created"] = Unix(product.Created),
        ["description"] = null,
        ["livemode"] = false,
        ["metadata"] = Metadata(product.Metadata),
        ["name"] = product.Name,
        ["type"] = "service",
        ["updated"] = Unix(product.Created),
    };

    public static JsonObject Price(Price price) => new()
    {
        ["id"] = price.Id,
        ["object"] = "price",
        ["active"] = true,
        ["billing_scheme"] = "per_unit",
        ["created"] = Unix(price.Created),
        ["currency"] = price.Currency,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["product"] = price.ProductId,
        ["recurring"] = new JsonObject
        {
            ["interval"] = price.Interval,
            ["interval_count"] = 1,
            ["usage_type"] = "licensed",
        },
        ["type"] = "recurring",
        ["unit_amount"] = price.UnitAmount,
        ["unit_amount_decimal"] = price.UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static JsonObject Customer(Customer customer) => new()
    {
        ["id"] = customer.Id,
        ["object"] = "customer",
        ["created"] = Unix(customer.Created),
        ["currency"] = null,
        ["delinquent"] = false,
        ["description"] = null,
        ["email"] = customer.Email,
        ["livemode"] = false,
        ["metadata"] = Metadata(customer.Metadata),
        ["name"] = customer.Name,
    };

    public static JsonObject PortalSession(PortalSession session) => new()
    {
        ["id"] = session.Id,
        ["object"] = "billing_portal.session",
        ["created"] = Unix(session.Created),
        ["customer"] = session.CustomerId,
        ["livemode"] = false,
        ["return_url"] = session.ReturnUrl,
        ["url"] = session.Url,
    };

    public static JsonObject CheckoutSession(EmulatorStore store, CheckoutSession session)
    {
        var price = store.Prices[session.PriceId];
        var amount = price.UnitAmount * session.Quantity;
        return new JsonObject
        {
            ["id"] = session.Id,
            ["object"] = "checkout.session",
            ["amount_subtotal"] = amount,
            ["amount_total"] = amount,
            ["cancel_url"] = session.CancelUrl,
            ["client_reference_id"] = null,
            ["created"] = Unix(session.Created),
            ["currency"] = price.Currency,
            ["customer"] = session.CustomerId,
            ["customer_details"] = session.PaidEmail is null ? null : new JsonObject
            {
                ["email"] = session.PaidEmail,
                ["name"] = session.PaidName,
            },
            ["customer_email"] = session.CustomerEmail,
            ["expires_at"] = Unix(session.ExpiresAt),
            ["invoice"] = session.InvoiceId,
            ["livemode"] = false,
            ["metadata"] = Metadata(session.Metadata),
            ["mode"] = "subscription",
            ["payment_status"] = session.PaymentStatus,
            ["status"] = session.Status,
            ["subscription"] = session.SubscriptionId,
            ["success_url"] = session.SuccessUrl,
            // Like Stripe, the hosted page's url is only given while the session can still be paid.
            ["url"] = session.Status == "open" ? session.Url : null,
        };
    }
}
