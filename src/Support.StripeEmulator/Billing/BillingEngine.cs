using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Billing;

/// <summary>
/// The money flows: completing checkout, renewals, payment retries, cancellation and refunds. Each method
/// changes state and records its events under the store lock, so events follow the order of changes.
/// </summary>
internal sealed partial class BillingEngine(EmulatorStore store, EventLog events)
{
    public string CompleteCheckout(string sessionId, string email, string? name, string cardNumber)
    {
        lock (store.Gate)
        {
            var session = EmulatorStore.Find(store.CheckoutSessions, sessionId, "checkout.session");
            if (session.Status != "open")
            {
                throw StripeEmulatorException.Invalid($"This Checkout Session is {session.Status}.");
            }
            var now = store.Now;
            var customer = session.CustomerId is { } existingId ? store.Customers[existingId] : null;
            var customerCreated = customer is null;
            if (customer is null)
            {
                customer = new Customer { Id = StripeIds.New("cus_"), Created = now, Email = email, Name = name };
                store.Customers[customer.Id] = customer;
            }

            var subscription = new Subscription
            {
                Id = StripeIds.New("sub_"),
                CustomerId = customer.Id,
                Created = now,
                Sequence = store.NextSequence(),
                CardNumber = cardNumber,
                Metadata = new(session.SubscriptionMetadata),
                Item = new SubscriptionItem
                {
                    Id = StripeIds.New("si_"),
                    Created = now,
                    PriceId = session.PriceId,
                    Quantity = session.Quantity,
                    CurrentPeriodStart = now,
                    CurrentPeriodEnd = NextPeriodEnd(now, store.Prices[session.PriceId].Interval),
                },
            };
            store.Subscriptions[subscription.Id] = subscription;
            var invoice = CreateInvoice(subscription, customer.Email ?? email, "subscription_create");
            Charge(invoice);

            session.Status = "complete";
            session.PaymentStatus = "paid";
            session.CustomerId = customer.Id;
            session.PaidEmail = email;
            session.PaidName = name;
            session.SubscriptionId = subscription.Id;
            session.InvoiceId = invoice.Id;

            if (customerCreated)
            {
                events.Record("customer.created", StripeJson.Customer(customer));
            }
            events.Record("checkout.session.completed", StripeJson.CheckoutSession(store, session));
            events.Record("customer.subscription.created", StripeJson.Subscription(store, subscription));
            events.Record("invoice.paid", StripeJson.Invoice(store, invoice));
            return session.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session.Id, StringComparison.Ordinal);
        }
    }

    public static DateTimeOffset NextPeriodEnd(DateTimeOffset start, string interval) => interval switch
    {
        "day" => start.AddDays(1),
        "week" => start.AddDays(7),
        "year" => start.AddYears(1),
        _ => start.AddMonths(1),
    };

    /// <summary>An open invoice for the subscription's current period; the caller charges it or fails it.</summary>
    private Invoice CreateInvoice(Subscription subscription, string? email, string billingReason)
    {
        var item = subscription.Item;
        var price = store.Prices[item.PriceId];
        var invoice = new Invoice
        {
            Id = StripeIds.New("in_"),
            CustomerId = subscription.CustomerId,
            CustomerEmail = email,
            SubscriptionId = subscription.Id,
            SubscriptionItemId = item.Id,
            SubscriptionMetadata = new(subscription.Metadata),
            PriceId = price.Id,
            Quantity = item.Quantity,
            BillingReason = billingReason,
            AmountDue = price.UnitAmount * item.Quantity,
            Currency = price.Currency,
            Created = store.Now,
            Sequence = store.NextSequence(),
            PeriodStart = item.CurrentPeriodStart,
            PeriodEnd = item.CurrentPeriodEnd,
            PaymentIntentId = StripeIds.New("pi_"),
            InvoicePaymentId = StripeIds.New("inpay_"),
        };
        store.Invoices[invoice.Id] = invoice;
        subscription.LatestInvoiceId = invoice.Id;
        return invoice;
    }

    /// <summary>A successful payment attempt: a charge on the invoice's payment intent.</summary>
    private void Charge(Invoice invoice)
    {
        var charge = new Charge
        {
            Id = StripeIds.New("ch_"),
            CustomerId = invoice.CustomerId,
            PaymentIntentId = invoice.PaymentIntentId,
            Amount = invoice.AmountDue,
            Currency = invoice.Currency,
            Created = store.Now,
        };
        store.Charges[charge.Id] = charge;
        invoice.ChargeId = charge.Id;
        invoice.AttemptCount++;
        invoice.AmountPaid = invoice.AmountDue;
        invoice.Status = "paid";
        invoice.PaidAt = store.Now;
    }
}
