using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Billing;

internal sealed partial class BillingEngine
{
    /// <summary>
    /// The payer paid the session on the hosted page with a test card (authenticated when it needed it). Returns the
    /// success URL. Subscription mode makes the customer, subscription and first paid invoice; payment mode a payment
    /// intent and charge, with a customer and a paid invoice when the session asked for them.
    /// </summary>
    public string CompleteCheckout(string sessionId, string email, string? name, string cardNumber)
    {
        lock (store.Gate)
        {
            var session = EmulatorStore.Find(store.CheckoutSessions, sessionId, "checkout.session");
            if (session.Status != "open")
            {
                throw StripeEmulatorException.Invalid($"This Checkout Session is {session.Status}.");
            }
            var charge = session.Mode == "payment"
                ? CompletePayment(session, email, name, cardNumber)
                : CompleteSubscription(session, email, name, cardNumber);
            payments.AfterPayment(charge);
            return session.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session.Id, StringComparison.Ordinal);
        }
    }

    private Charge CompleteSubscription(CheckoutSession session, string email, string? name, string cardNumber)
    {
        var now = store.Now;
        var customer = CheckoutCustomer(session, email, name, create: true)!;
        var method = payments.Attach(cardNumber, customer, name);
        var price = store.Prices[session.PriceId];
        var subscription = new Subscription
        {
            Id = StripeIds.New("sub_"),
            CustomerId = customer.Id,
            Created = now,
            Sequence = store.NextSequence(),
            PaymentMethodId = method.Id,
            Metadata = new(session.SubscriptionMetadata),
            Item = new SubscriptionItem
            {
                Id = StripeIds.New("si_"),
                Created = now,
                PriceId = session.PriceId,
                Quantity = session.Quantity,
                CurrentPeriodStart = now,
                CurrentPeriodEnd = NextPeriodEnd(now, price.Interval),
            },
        };
        store.Subscriptions[subscription.Id] = subscription;
        var invoice = NewSubscriptionInvoice(subscription, "subscription_create", (now, now));
        invoice.AttemptCount = 1;
        var charge = ChargeAtCheckout(store.PaymentIntents[invoice.PaymentIntentId], method);
        MarkPaid(invoice, charge);

        Complete(session, customer, email, name);
        session.SubscriptionId = subscription.Id;
        session.InvoiceId = invoice.Id;
        events.Record("checkout.session.completed", StripeJson.CheckoutSession(store, session));
        events.Record("customer.subscription.created", StripeJson.Subscription(store, subscription));
        events.Record("invoice.paid", StripeJson.Invoice(store, invoice));
        return charge;
    }

    /// <summary>
    /// Payment mode. Like Stripe, a customer is made only when asked (<c>customer_creation=always</c>) or needed (an
    /// invoice); the card is used for this payment and not saved.
    /// </summary>
    private Charge CompletePayment(CheckoutSession session, string email, string? name, string cardNumber)
    {
        var customer = CheckoutCustomer(session, email, name, create: session.CustomerCreation == "always" || session.InvoiceCreation is not null);
        var method = payments.CreatePaymentMethod(cardNumber, null, email, name);
        var price = store.Prices[session.PriceId];
        var intent = payments.CreateIntent(price.UnitAmount * session.Quantity, price.Currency, customer?.Id,
            session.PaymentIntentDescription, new(session.PaymentIntentMetadata));
        var charge = ChargeAtCheckout(intent, method);

        Complete(session, customer, email, name);
        session.PaymentIntentId = intent.Id;
        Invoice? invoice = null;
        if (session.InvoiceCreation is { } data && customer is not null)
        {
            invoice = NewInvoice(customer, null, price, session.Quantity, "manual", (store.Now, store.Now), (store.Now, store.Now), intent, data);
            invoice.AttemptCount = 1;
            MarkPaid(invoice, charge);
            session.InvoiceId = invoice.Id;
            events.Record("invoice.paid", StripeJson.Invoice(store, invoice));
        }
        events.Record("checkout.session.completed", StripeJson.CheckoutSession(store, session));
        return charge;
    }

    private Customer? CheckoutCustomer(CheckoutSession session, string email, string? name, bool create)
    {
        if (session.CustomerId is { } existingId)
        {
            return store.Customers[existingId];
        }
        if (!create)
        {
            return null;
        }
        var customer = new Customer { Id = StripeIds.New("cus_"), Created = store.Now, Email = email, Name = name };
        store.Customers[customer.Id] = customer;
        events.Record("customer.created", StripeJson.Customer(customer));
        return customer;
    }

    private Charge ChargeAtCheckout(PaymentIntent intent, PaymentMethod method) =>
        payments.Attempt(intent, method, Presence.Checkout).Charge
            ?? throw StripeEmulatorException.Invalid(TestCards.DeclinedMessage);

    private static void Complete(CheckoutSession session, Customer? customer, string email, string? name)
    {
        session.Status = "complete";
        session.PaymentStatus = "paid";
        session.CustomerId = customer?.Id;
        session.PaidEmail = email;
        session.PaidName = name;
    }
}
