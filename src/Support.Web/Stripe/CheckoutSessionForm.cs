using System.Globalization;
using System.Text;
using Support.Web.Prompt;

namespace Support.Web.Stripe;

/// <summary>
/// The form body of <c>POST /v1/checkout/sessions</c> for a gift of any frequency: the same fields Stripe.net's
/// <c>SessionCreateOptions</c> would send, written directly. Stripe.net's encoder reflects over every property of
/// every nested options object on each call, which was about half of Support's CPU per checkout
/// (docs/performance.md, checkout-creation); a test checks this body against that encoder.
/// </summary>
public static class CheckoutSessionForm
{
    public const string Path = "/v1/checkout/sessions";

    public static string Encode(CheckoutSessionRequest request)
    {
        var form = new StringBuilder(768);
        var interval = GiftFrequencies.Interval(request.Frequency);
        // A recurring price makes a subscription; a price without one is a single payment (ADR 0013).
        Add(form, "mode", interval is null ? "payment" : "subscription");
        Add(form, "line_items[0][price_data][currency]", request.Currency);
        Add(form, "line_items[0][price_data][product]", request.ProductId);
        if (interval is not null)
        {
            Add(form, "line_items[0][price_data][recurring][interval]", interval);
        }
        Add(form, "line_items[0][price_data][unit_amount]", request.AmountCents.ToString(CultureInfo.InvariantCulture));
        Add(form, "line_items[0][quantity]", "1");
        if (request.CustomerEmail is not null)
        {
            Add(form, "customer_email", request.CustomerEmail);
        }
        Add(form, "success_url", SuccessUrl(request));
        Add(form, "cancel_url", request.CancelUrl.ToString());
        var frequency = GiftFrequencies.FormValue(request.Frequency);
        Add(form, $"metadata[{StripeMapping.ArticleMetadataKey}]", request.ArticleSlug);
        Add(form, $"metadata[{StripeMapping.FrequencyMetadataKey}]", frequency);
        if (request.ExperimentVariantId is not null)
        {
            Add(form, $"metadata[{StripeMapping.VariantMetadataKey}]", request.ExperimentVariantId);
        }
        if (interval is not null)
        {
            Add(form, $"subscription_data[metadata][{StripeMapping.ArticleMetadataKey}]", request.ArticleSlug);
            if (request.ExperimentVariantId is not null)
            {
                Add(form, $"subscription_data[metadata][{StripeMapping.VariantMetadataKey}]", request.ExperimentVariantId);
            }
            return form.ToString();
        }
        // A one-time gift: its own customer (the account page finds gifts by customer), an invoice paid by the payment
        // (the same receipt and ledger row as a subscription's), and its frequency on the payment intent (ADR 0013).
        Add(form, "customer_creation", "always");
        Add(form, "invoice_creation[enabled]", "true");
        Add(form, $"invoice_creation[invoice_data][metadata][{StripeMapping.ArticleMetadataKey}]", request.ArticleSlug);
        Add(form, $"invoice_creation[invoice_data][metadata][{StripeMapping.FrequencyMetadataKey}]", frequency);
        Add(form, $"payment_intent_data[metadata][{StripeMapping.ArticleMetadataKey}]", request.ArticleSlug);
        Add(form, $"payment_intent_data[metadata][{StripeMapping.FrequencyMetadataKey}]", frequency);
        if (request.ExperimentVariantId is not null)
        {
            Add(form, $"invoice_creation[invoice_data][metadata][{StripeMapping.VariantMetadataKey}]", request.ExperimentVariantId);
        }
        Add(form, "submit_type", "donate");
        return form.ToString();
    }

    /// <summary>Stripe replaces the placeholder with the session id on redirect, so it must arrive unescaped.</summary>
    public static string SuccessUrl(CheckoutSessionRequest request) =>
        request.SuccessUrl.ToString().Replace("%7BCHECKOUT_SESSION_ID%7D", "{CHECKOUT_SESSION_ID}", StringComparison.Ordinal);

    private static void Add(StringBuilder form, string key, string value)
    {
        if (form.Length > 0)
        {
            form.Append('&');
        }
        // Brackets stay literal in keys, as Stripe.net sends them.
        form.Append(Uri.EscapeDataString(key).Replace("%5B", "[", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal))
            .Append('=').Append(Uri.EscapeDataString(value));
    }
}
