using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Billing;

internal sealed partial class BillingEngine
{
    /// <summary>
    /// Moves the subscription's own clock to its next period and bills it. Returns the new invoice id, or
    /// an empty string when the subscription was set to cancel at period end and so simply ends.
    /// </summary>
    public string Renew(string subscriptionId)
    {
        lock (store.Gate)
        {
            var subscription = EmulatorStore.Find(store.Subscriptions, subscriptionId, "subscription");
            if (subscription.Status == "canceled")
            {
                throw StripeEmulatorException.Invalid("A canceled subscription cannot be renewed.");
            }
            var item = subscription.Item;
            if (subscription.CancelAtPeriodEnd)
            {
                End(subscription, endedAt: item.CurrentPeriodEnd);
                return "";
            }
            var previous = new JsonObject { ["status"] = subscription.Status };
            item.CurrentPeriodStart = item.CurrentPeriodEnd;
            item.CurrentPeriodEnd = NextPeriodEnd(item.CurrentPeriodStart, store.Prices[item.PriceId].Interval);
            var invoice = CreateInvoice(subscription, store.Customers[subscription.CustomerId].Email, "subscription_cycle");
            if (subscription.CardNumber == TestCards.FailsOnRenewal)
            {
                invoice.AttemptCount++;
                subscription.Status = "past_due";
                events.Record("invoice.payment_failed", StripeJson.Invoice(store, invoice));
            }
            else
            {
                Charge(invoice);
                events.Record("invoice.paid", StripeJson.Invoice(store, invoice));
            }
            events.Record("customer.subscription.updated", StripeJson.Subscription(store, subscription), previous);
            return invoice.Id;
        }
    }

    /// <summary>A successful retry of an unpaid invoice, as after the customer fixes their card.</summary>
    public JsonObject Pay(string invoiceId)
    {
        lock (store.Gate)
        {
            var invoice = EmulatorStore.Find(store.Invoices, invoiceId, "invoice");
            if (invoice.Status != "open")
            {
                throw StripeEmulatorException.Invalid($"Invoice is already {invoice.Status}.");
            }
            var subscription = store.Subscriptions[invoice.SubscriptionId];
            subscription.CardNumber = TestCards.Succeeds;
            Charge(invoice);
            events.Record("invoice.paid", StripeJson.Invoice(store, invoice));
            if (subscription.Status == "past_due" && subscription.LatestInvoiceId == invoice.Id)
            {
                subscription.Status = "active";
                events.Record("customer.subscription.updated", StripeJson.Subscription(store, subscription),
                    new JsonObject { ["status"] = "past_due" });
            }
            return StripeJson.Invoice(store, invoice);
        }
    }

    public JsonObject Cancel(string subscriptionId)
    {
        lock (store.Gate)
        {
            var subscription = EmulatorStore.Find(store.Subscriptions, subscriptionId, "subscription");
            if (subscription.Status == "canceled")
            {
                throw StripeEmulatorException.Invalid("This subscription has already been canceled.");
            }
            End(subscription, endedAt: store.Now);
            return StripeJson.Subscription(store, subscription);
        }
    }

    private void End(Subscription subscription, DateTimeOffset endedAt)
    {
        subscription.Status = "canceled";
        subscription.CanceledAt ??= store.Now;
        subscription.EndedAt = endedAt;
        events.Record("customer.subscription.deleted", StripeJson.Subscription(store, subscription));
    }

    /// <summary>Refunds part or all of the invoice's charge; refunds add up on the charge.</summary>
    public string Refund(string invoiceId, long amount)
    {
        lock (store.Gate)
        {
            var invoice = EmulatorStore.Find(store.Invoices, invoiceId, "invoice");
            var charge = invoice.ChargeId is { } chargeId
                ? store.Charges[chargeId]
                : throw StripeEmulatorException.Invalid($"Invoice {invoiceId} has no successful charge to refund.");
            if (amount <= 0 || amount > charge.Amount - charge.AmountRefunded)
            {
                throw StripeEmulatorException.Invalid(
                    $"Refund amount ({amount}) must be between 1 and the unrefunded {charge.Amount - charge.AmountRefunded}.", "amount");
            }
            var previous = new JsonObject { ["amount_refunded"] = charge.AmountRefunded };
            charge.AmountRefunded += amount;
            var refund = new Refund(StripeIds.New("re_"), charge.Id, charge.PaymentIntentId, amount, charge.Currency, store.Now);
            store.Refunds[refund.Id] = refund;
            events.Record("charge.refunded", StripeJson.Charge(charge), previous);
            return refund.Id;
        }
    }
}
