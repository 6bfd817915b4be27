using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Billing;

internal sealed partial class BillingEngine
{
    /// <summary>
    /// The customer's new card, as the billing portal's payment method update saves it: attached
    /// (payment_method.attached), made the customer's default (customer.updated) and the default of each of their
    /// live subscriptions (customer.subscription.updated), so later renewals and retries charge it. A declined
    /// card is refused as Stripe refuses it (402 card_error).
    /// </summary>
    public PaymentMethod UpdateCard(string customerId, string cardNumber, string? name)
    {
        lock (store.Gate)
        {
            var customer = EmulatorStore.Find(store.Customers, customerId, "customer");
            if (!TestCards.IsKnown(cardNumber))
            {
                throw StripeEmulatorException.Invalid(TestCards.UnknownCardMessage, "card[number]");
            }
            if (cardNumber == TestCards.Declined)
            {
                throw new StripeEmulatorException(402, "card_error", TestCards.DeclinedMessage, "card_declined");
            }
            var method = payments.Attach(cardNumber, customer, name ?? customer.Name);
            var before = StripeJson.Customer(customer)["invoice_settings"]!.DeepClone();
            customer.DefaultPaymentMethodId = method.Id;
            events.Record("customer.updated", StripeJson.Customer(customer), new JsonObject { ["invoice_settings"] = before });
            foreach (var subscription in store.Subscriptions.Values.Where(s => s.CustomerId == customer.Id && s.Status != "canceled")
                         .OrderBy(s => s.Sequence))
            {
                var previous = new JsonObject { ["default_payment_method"] = subscription.PaymentMethodId };
                subscription.PaymentMethodId = method.Id;
                RecordSubscriptionUpdated(subscription, previous);
            }
            return method;
        }
    }
}
