using System.Text.Json.Nodes;
using Stripe;

namespace Support.Benchmarks.Scenarios.Webhooks;

/// <summary>
/// One webhook delivery: the event id, its JSON (signed just before it is sent), and the invoice it reports
/// (null for subscription events) with its amount and whether it says paid or failed.
/// </summary>
public sealed record Delivery(string EventId, string Json, string? InvoiceId = null, long AmountCents = 0, bool Paid = false);

/// <summary>
/// The events to deliver and what they must change in the ledger. Per ten unique events: six <c>invoice.paid</c>
/// for new invoices, two <c>invoice.payment_failed</c> for new invoices, one <c>invoice.payment_failed</c> for an
/// invoice that is also paid (recovered, whichever arrives first), one <c>customer.subscription.updated</c>.
/// A tenth of the deliveries repeat an earlier event; the whole list is shuffled with a fixed seed.
/// </summary>
public sealed record EventPlan(IReadOnlyList<Delivery> Deliveries, int UniqueEvents)
{
    /// <summary>
    /// What the ledger must gain from these deliveries, whatever their order: one payment per invoice, paid if
    /// any paid event came (recovered if a failed one came too), one processed event per distinct event id.
    /// </summary>
    public static Ledger ExpectedDelta(IEnumerable<Delivery> sent)
    {
        var distinct = sent.DistinctBy(d => d.EventId).ToList();
        var invoices = distinct.Where(d => d.InvoiceId is not null).GroupBy(d => d.InvoiceId)
            .Select(g => (Paid: g.Any(d => d.Paid), Failed: g.Any(d => !d.Paid), Amount: g.First().AmountCents)).ToList();
        return Ledger.Zero with
        {
            Payments = invoices.Count,
            PaidPayments = invoices.Count(i => i.Paid),
            PaidCents = invoices.Where(i => i.Paid).Sum(i => i.Amount),
            FailedPayments = invoices.Count(i => !i.Paid),
            FailedCents = invoices.Where(i => !i.Paid).Sum(i => i.Amount),
            RecoveredPayments = invoices.Count(i => i.Paid && i.Failed),
            ProcessedEvents = distinct.Count,
        };
    }

    public static EventPlan Create(IReadOnlyList<BenchSubscription> subscriptions, int total, int seed = 7)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var duplicates = total / 10;
        var unique = total - duplicates;
        var events = new List<Delivery>(total);
        var paidInvoices = new List<(BenchSubscription Subscription, string Id, long Amount)>();
        var recovered = 0;
        for (var k = 0; k < unique; k++)
        {
            var subscription = subscriptions[k % subscriptions.Count];
            var amount = 200 + k * 37 % 50 * 50;
            var invoiceId = $"in_bench{k:D7}";
            switch (k % 10)
            {
                case < 6:
                    events.Add(Event(k, EventTypes.InvoicePaid, Invoice(subscription, invoiceId, amount, paid: true, now), now) with
                    {
                        InvoiceId = invoiceId, AmountCents = amount, Paid = true,
                    });
                    paidInvoices.Add((subscription, invoiceId, amount));
                    break;
                case < 8:
                    events.Add(Event(k, EventTypes.InvoicePaymentFailed, Invoice(subscription, invoiceId, amount, paid: false, now), now) with
                    {
                        InvoiceId = invoiceId, AmountCents = amount,
                    });
                    break;
                case 8:
                    var (owner, id, due) = paidInvoices[recovered++];
                    events.Add(Event(k, EventTypes.InvoicePaymentFailed, Invoice(owner, id, due, paid: false, now - 60), now - 60) with
                    {
                        InvoiceId = id, AmountCents = due,
                    });
                    break;
                default:
                    events.Add(Event(k, EventTypes.CustomerSubscriptionUpdated, subscription.Subscription.DeepClone(), now));
                    break;
            }
        }
        var deliveries = events.Concat(Enumerable.Range(0, duplicates).Select(_ => events[random.Next(events.Count)]))
            .OrderBy(_ => random.Next()).ToList();
        return new EventPlan(deliveries, unique);
    }

    private static JsonNode Invoice(BenchSubscription subscription, string id, long amount, bool paid, long created)
    {
        var invoice = subscription.FirstInvoice.DeepClone().AsObject();
        invoice["id"] = id;
        invoice["amount_due"] = amount;
        invoice["amount_paid"] = paid ? amount : 0;
        invoice["amount_remaining"] = paid ? 0 : amount;
        invoice["subtotal"] = amount;
        invoice["total"] = amount;
        invoice["attempt_count"] = 1;
        invoice["billing_reason"] = "subscription_cycle";
        invoice["status"] = paid ? "paid" : "open";
        invoice["created"] = created;
        invoice["lines"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(), ["has_more"] = false, ["url"] = $"/v1/invoices/{id}/lines" };
        invoice["status_transitions"] = new JsonObject
        {
            ["finalized_at"] = created,
            ["marked_uncollectible_at"] = null,
            ["paid_at"] = paid ? created : null,
            ["voided_at"] = null,
        };
        return invoice;
    }

    private static Delivery Event(int k, string type, JsonNode payload, long created)
    {
        var id = $"evt_bench{k:D7}";
        var json = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = StripeConfiguration.ApiVersion,
            ["created"] = created,
            ["data"] = new JsonObject { ["object"] = payload },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        };
        return new Delivery(id, json.ToJsonString());
    }
}
