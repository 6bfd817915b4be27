using Microsoft.Extensions.Options;
using Support.StripeEmulator.Checkout;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.Payments;
using Support.StripeEmulator.State;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Billing;

/// <summary>
/// The money flows: completing checkout, renewals, payment retries, pauses, cancellation and refunds. Each method
/// changes state and records its events under the store lock, so events follow the order of changes.
/// </summary>
internal sealed partial class BillingEngine(
    EmulatorStore store, EventLog events, PaymentEngine payments, HostedPages pages, IOptions<StripeEmulatorOptions> options)
{
    public static DateTimeOffset NextPeriodEnd(DateTimeOffset start, string? interval) => interval switch
    {
        "day" => start.AddDays(1),
        "week" => start.AddDays(7),
        "year" => start.AddYears(1),
        "month" => start.AddMonths(1),
        _ => throw new InvalidOperationException("A one-time price has no period."),
    };

    /// <summary>
    /// A finalized (open) invoice with its payment intent, for the subscription's current price or a one-off price;
    /// the caller collects it, voids it, or marks it paid.
    /// </summary>
    private Invoice NewInvoice(Customer customer, Subscription? subscription, Price price, long quantity, string billingReason,
        (DateTimeOffset Start, DateTimeOffset End) period, (DateTimeOffset Start, DateTimeOffset End) line, PaymentIntent intent,
        InvoiceData? data = null)
    {
        var id = StripeIds.New("in_");
        var invoice = new Invoice
        {
            Id = id,
            CustomerId = customer.Id,
            CustomerEmail = customer.Email,
            SubscriptionId = subscription?.Id,
            SubscriptionItemId = subscription?.Item.Id,
            SubscriptionMetadata = subscription is null ? [] : new(subscription.Metadata),
            PriceId = price.Id,
            Quantity = quantity,
            BillingReason = billingReason,
            AmountDue = intent.Amount,
            Currency = price.Currency,
            Created = store.Now,
            Sequence = store.NextSequence(),
            Number = $"{customer.InvoicePrefix}-{++customer.InvoiceCount:0000}",
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            LineStart = line.Start,
            LineEnd = line.End,
            PaymentIntentId = intent.Id,
            InvoicePaymentId = StripeIds.New("inpay_"),
            HostedUrl = pages.Url($"invoice/{id}"),
            Description = data?.Description,
            Footer = data?.Footer,
            Metadata = data is null ? [] : new(data.Metadata),
        };
        store.Invoices[invoice.Id] = invoice;
        if (subscription is not null)
        {
            subscription.LatestInvoiceId = invoice.Id;
        }
        return invoice;
    }

    /// <summary>A renewal or first invoice of the subscription, with a payment intent for its amount.</summary>
    private Invoice NewSubscriptionInvoice(Subscription subscription, string billingReason, (DateTimeOffset, DateTimeOffset) period)
    {
        var item = subscription.Item;
        var price = store.Prices[item.PriceId];
        var intent = payments.CreateIntent(price.UnitAmount * item.Quantity, price.Currency, subscription.CustomerId,
            billingReason == "subscription_create" ? "Subscription creation" : "Subscription update");
        return NewInvoice(store.Customers[subscription.CustomerId], subscription, price, item.Quantity, billingReason, period,
            (item.CurrentPeriodStart, item.CurrentPeriodEnd), intent);
    }

    private void MarkPaid(Invoice invoice, Charge charge)
    {
        invoice.ChargeId = charge.Id;
        invoice.AmountPaid = invoice.AmountDue;
        invoice.Status = "paid";
        invoice.PaidAt = store.Now;
        invoice.NextPaymentAttempt = null;
    }

    private PaymentMethod MethodOf(Subscription subscription) => store.PaymentMethods[subscription.PaymentMethodId];

    private void RecordSubscriptionUpdated(Subscription subscription, System.Text.Json.Nodes.JsonObject previous) =>
        events.Record("customer.subscription.updated", StripeJson.Subscription(store, subscription), previous);
}
