using System.Text.Json.Nodes;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Billing;

internal sealed partial class BillingEngine
{
    /// <summary>
    /// Lets the subscription's own time run to the end of its period (day, week, month or year) and renews it, in
    /// Stripe's order: retries of a failed invoice that fall before then; the end of a cancel-at-period-end
    /// subscription; a pause whose <c>resumes_at</c> has come; invoice.upcoming; then the renewal invoice, which
    /// is paid, fails (past_due, retries scheduled), needs action (3-D Secure), or is voided while paused.
    /// Returns the new invoice id, or an empty string when the subscription ended instead.
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
            var renewalAt = item.CurrentPeriodEnd;
            RunRetriesDueBy(subscription, renewalAt);
            if (subscription.Status == "canceled")
            {
                return "";
            }
            if (subscription.CancelAtPeriodEnd)
            {
                End(subscription, endedAt: renewalAt, reason: "cancellation_requested");
                return "";
            }
            if (subscription.Pause is { ResumesAt: { } resumesAt } && resumesAt <= renewalAt)
            {
                var previousPause = StripeJson.PauseCollection(subscription.Pause);
                subscription.Pause = null;
                RecordSubscriptionUpdated(subscription, new JsonObject { ["pause_collection"] = previousPause });
            }
            if (subscription.Pause is null && subscription.UpcomingSentFor != renewalAt && options.Value.UpcomingInvoiceDays is { } days
                && renewalAt - item.CurrentPeriodStart > TimeSpan.FromDays(days))
            {
                RecordUpcoming(subscription);
            }

            var previous = new JsonObject
            {
                ["items"] = StripeJson.Subscription(store, subscription)["items"]!.DeepClone(),
                ["latest_invoice"] = subscription.LatestInvoiceId,
            };
            var previousStatus = subscription.Status;
            var periodStart = item.CurrentPeriodStart;
            item.CurrentPeriodStart = renewalAt;
            item.CurrentPeriodEnd = NextPeriodEnd(renewalAt, store.Prices[item.PriceId].Interval);
            var invoice = NewSubscriptionInvoice(subscription, "subscription_cycle", (periodStart, renewalAt));
            if (subscription.Pause is not null)
            {
                Void(invoice);
            }
            else
            {
                var outcome = Collect(invoice, MethodOf(subscription), Presence.OffSession, renewalAt);
                subscription.Status = outcome == CardOutcome.Succeeds ? "active" : "past_due";
            }
            if (subscription.Status != previousStatus)
            {
                previous["status"] = previousStatus;
            }
            RecordSubscriptionUpdated(subscription, previous);
            EndIfRetriesRanOut(subscription, invoice);
            return invoice.Id;
        }
    }

    /// <summary>invoice.upcoming for the next renewal now, whatever the setting (a test's way to the notice).</summary>
    public JsonObject SendUpcoming(string subscriptionId)
    {
        lock (store.Gate)
        {
            var subscription = EmulatorStore.Find(store.Subscriptions, subscriptionId, "subscription");
            if (subscription.Status == "canceled" || subscription.CancelAtPeriodEnd)
            {
                throw new StripeEmulatorException(400, "invalid_request_error",
                    $"No upcoming invoices for subscription: {subscription.Id} (it ends at its period end or has ended).", "invoice_upcoming_none");
            }
            return RecordUpcoming(subscription);
        }
    }

    private JsonObject RecordUpcoming(Subscription subscription)
    {
        var item = subscription.Item;
        var price = store.Prices[item.PriceId];
        var renewalAt = item.CurrentPeriodEnd;
        var preview = new Invoice
        {
            Id = "",
            Preview = true,
            CustomerId = subscription.CustomerId,
            CustomerEmail = store.Customers[subscription.CustomerId].Email,
            SubscriptionId = subscription.Id,
            SubscriptionItemId = item.Id,
            SubscriptionMetadata = new(subscription.Metadata),
            PriceId = price.Id,
            Quantity = item.Quantity,
            BillingReason = "upcoming",
            AmountDue = price.UnitAmount * item.Quantity,
            Currency = price.Currency,
            Created = renewalAt,
            Sequence = 0,
            Number = "",
            PeriodStart = item.CurrentPeriodStart,
            PeriodEnd = renewalAt,
            LineStart = renewalAt,
            LineEnd = NextPeriodEnd(renewalAt, price.Interval),
            PaymentIntentId = "",
            InvoicePaymentId = "",
            HostedUrl = "",
            Status = "draft",
            NextPaymentAttempt = renewalAt,
        };
        subscription.UpcomingSentFor = renewalAt;
        var json = StripeJson.Invoice(store, preview);
        events.Record("invoice.upcoming", json);
        return json;
    }

    /// <summary>A paused subscription's renewal invoice: voided at once, so nothing is charged (invoice.voided).</summary>
    private void Void(Invoice invoice)
    {
        invoice.Status = "void";
        invoice.VoidedAt = store.Now;
        invoice.NextPaymentAttempt = null;
        payments.Cancel(store.PaymentIntents[invoice.PaymentIntentId], "void_invoice");
        events.Record("invoice.voided", StripeJson.Invoice(store, invoice));
    }

    public JsonObject Cancel(string subscriptionId, string? feedback = null, string? comment = null)
    {
        lock (store.Gate)
        {
            var subscription = EmulatorStore.Find(store.Subscriptions, subscriptionId, "subscription");
            if (subscription.Status == "canceled")
            {
                throw StripeEmulatorException.Invalid("This subscription has already been canceled.");
            }
            subscription.Cancellation = new CancellationDetails("cancellation_requested",
                feedback ?? subscription.Cancellation?.Feedback, comment ?? subscription.Cancellation?.Comment);
            End(subscription, endedAt: store.Now, reason: "cancellation_requested");
            return StripeJson.Subscription(store, subscription);
        }
    }

    private void End(Subscription subscription, DateTimeOffset endedAt, string reason)
    {
        subscription.Status = "canceled";
        subscription.CanceledAt ??= store.Now;
        subscription.EndedAt = endedAt;
        subscription.Cancellation = new CancellationDetails(reason, subscription.Cancellation?.Feedback, subscription.Cancellation?.Comment);
        events.Record("customer.subscription.deleted", StripeJson.Subscription(store, subscription));
    }

    /// <summary>Refunds part or all of the invoice's charge (refund.created, charge.refunded). Returns the refund id.</summary>
    public string Refund(string invoiceId, long amount)
    {
        lock (store.Gate)
        {
            var invoice = EmulatorStore.Find(store.Invoices, invoiceId, "invoice");
            var charge = invoice.ChargeId is { } chargeId
                ? store.Charges[chargeId]
                : throw StripeEmulatorException.Invalid($"Invoice {invoiceId} has no successful charge to refund.");
            return payments.Refund(charge, amount).Id;
        }
    }
}
