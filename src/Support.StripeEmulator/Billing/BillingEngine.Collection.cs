using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Billing;

internal sealed partial class BillingEngine
{
    /// <summary>
    /// One attempt to pay an open invoice: invoice.paid, invoice.payment_failed (with the next retry when Stripe's
    /// schedule has one left), or invoice.payment_failed and invoice.payment_action_required when the card needs the
    /// payer to authenticate, which no automatic retry can do. Like Stripe's <c>attempt_count</c>, the first attempt
    /// and automatic retries count; a payer's own attempts on the invoice page after the first do not.
    /// </summary>
    private CardOutcome Collect(Invoice invoice, PaymentMethod method, Presence presence, DateTimeOffset attemptAt)
    {
        var automatic = presence == Presence.OffSession;
        if (automatic || invoice.AttemptCount == 0)
        {
            invoice.AttemptCount++;
        }
        var (outcome, charge) = payments.Attempt(store.PaymentIntents[invoice.PaymentIntentId], method, presence);
        switch (outcome)
        {
            case CardOutcome.Succeeds:
                MarkPaid(invoice, charge!);
                events.Record("invoice.paid", StripeJson.Invoice(store, invoice));
                break;
            case CardOutcome.Declined:
                if (automatic)
                {
                    invoice.NextPaymentAttempt = NextRetry(invoice, attemptAt);
                }
                events.Record("invoice.payment_failed", StripeJson.Invoice(store, invoice));
                break;
            default:
                invoice.NextPaymentAttempt = null;
                events.Record("invoice.payment_failed", StripeJson.Invoice(store, invoice));
                events.Record("invoice.payment_action_required", StripeJson.Invoice(store, invoice));
                break;
        }
        payments.AfterPayment(charge);
        return outcome;
    }

    private DateTimeOffset? NextRetry(Invoice invoice, DateTimeOffset attemptAt)
    {
        var schedule = options.Value.PaymentRetrySchedule;
        var retriesMade = invoice.AttemptCount - 1;
        return retriesMade < schedule.Length ? attemptAt + schedule[retriesMade] : null;
    }

    /// <summary>Stripe's next automatic retry of the invoice, run now (its <c>next_payment_attempt</c> has come).</summary>
    public JsonObject Retry(string invoiceId)
    {
        lock (store.Gate)
        {
            var invoice = EmulatorStore.Find(store.Invoices, invoiceId, "invoice");
            if (invoice.Status != "open" || invoice.NextPaymentAttempt is null)
            {
                throw StripeEmulatorException.Invalid($"Invoice {invoice.Id} has no automatic retry scheduled (it is {invoice.Status}"
                    + (invoice.Status == "open" ? ", and its retries ran out or it waits for the payer to authenticate)." : ")."));
            }
            RetryNow(invoice, store.Subscriptions[invoice.SubscriptionId!]);
            return StripeJson.Invoice(store, invoice);
        }
    }

    /// <summary>Every retry of the subscription's open invoices scheduled by <paramref name="until"/>, in time order.</summary>
    private void RunRetriesDueBy(Subscription subscription, DateTimeOffset until)
    {
        while (subscription.Status != "canceled" && store.Invoices.Values
                   .Where(i => i.SubscriptionId == subscription.Id && i.Status == "open" && i.NextPaymentAttempt <= until)
                   .OrderBy(i => i.NextPaymentAttempt).FirstOrDefault() is { } due)
        {
            RetryNow(due, subscription);
        }
    }

    private void RetryNow(Invoice invoice, Subscription subscription)
    {
        var outcome = Collect(invoice, MethodOf(subscription), Presence.OffSession, invoice.NextPaymentAttempt!.Value);
        if (outcome == CardOutcome.Succeeds)
        {
            Recovered(subscription, invoice, new JsonObject());
        }
        else
        {
            EndIfRetriesRanOut(subscription, invoice);
        }
    }

    /// <summary>A past_due subscription whose latest invoice is now paid is active again (customer.subscription.updated).</summary>
    private void Recovered(Subscription? subscription, Invoice invoice, JsonObject previous)
    {
        if (subscription is null || subscription.Status == "canceled")
        {
            return;
        }
        if (subscription.Status == "past_due" && subscription.LatestInvoiceId == invoice.Id)
        {
            previous["status"] = subscription.Status;
            subscription.Status = "active";
        }
        if (previous.Count > 0)
        {
            RecordSubscriptionUpdated(subscription, previous);
        }
    }

    /// <summary>The last retry failed: Stripe cancels the subscription (reason payment_failed) or, as set, leaves it past_due.</summary>
    private void EndIfRetriesRanOut(Subscription subscription, Invoice invoice)
    {
        var ranOut = invoice.Status == "open" && invoice.NextPaymentAttempt is null
            && store.PaymentIntents[invoice.PaymentIntentId].Status == "requires_payment_method";
        if (ranOut && subscription.Status != "canceled" && options.Value.AfterFinalPaymentFailure == FinalFailure.Cancel)
        {
            End(subscription, endedAt: store.Now, reason: "payment_failed");
        }
    }

    /// <summary>
    /// The payer fixed their card and the invoice is paid now: a working card (4242) becomes the subscription's, so
    /// later renewals succeed too. Counts as an automatic retry.
    /// </summary>
    public JsonObject Pay(string invoiceId)
    {
        lock (store.Gate)
        {
            var invoice = OpenInvoice(invoiceId);
            var subscription = invoice.SubscriptionId is { } id ? store.Subscriptions[id] : null;
            var previous = new JsonObject();
            var customer = store.Customers[invoice.CustomerId];
            PaymentMethod method;
            if (subscription is not null && subscription.Status != "canceled")
            {
                method = payments.Attach(TestCards.Succeeds, customer, customer.Name);
                previous["default_payment_method"] = subscription.PaymentMethodId;
                subscription.PaymentMethodId = method.Id;
            }
            else
            {
                method = payments.CreatePaymentMethod(TestCards.Succeeds, null, customer.Email, customer.Name);
            }
            Collect(invoice, method, Presence.OffSession, store.Now);
            Recovered(subscription, invoice, previous);
            return StripeJson.Invoice(store, invoice);
        }
    }

    /// <summary>
    /// The payer on the hosted invoice page: pays with the card they typed, or completes the 3-D Secure
    /// authentication the invoice waits for (<paramref name="cardNumber"/> null), or fails it.
    /// </summary>
    public CardOutcome PayOnPage(string invoiceId, string? cardNumber, bool authenticated = true)
    {
        lock (store.Gate)
        {
            var invoice = OpenInvoice(invoiceId);
            var intent = store.PaymentIntents[invoice.PaymentIntentId];
            if (!authenticated)
            {
                payments.FailAuthentication(intent);
                return CardOutcome.RequiresAction;
            }
            var customer = store.Customers[invoice.CustomerId];
            var method = cardNumber is null
                ? store.PaymentMethods[intent.PaymentMethodId!]
                : payments.CreatePaymentMethod(cardNumber, null, customer.Email, customer.Name);
            var outcome = Collect(invoice, method, Presence.HostedPage, store.Now);
            if (outcome == CardOutcome.Succeeds)
            {
                Recovered(invoice.SubscriptionId is { } id ? store.Subscriptions[id] : null, invoice, new JsonObject());
            }
            return outcome;
        }
    }

    private Invoice OpenInvoice(string invoiceId)
    {
        var invoice = EmulatorStore.Find(store.Invoices, invoiceId, "invoice");
        return invoice.Status == "open" ? invoice : throw StripeEmulatorException.Invalid($"Invoice is already {invoice.Status}.");
    }
}
