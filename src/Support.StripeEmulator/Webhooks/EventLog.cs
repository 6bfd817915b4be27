using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Stripe;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Webhooks;

/// <summary>Creates events with their final JSON payload, keeps them for tests, and queues them for delivery.</summary>
internal sealed class EventLog(EmulatorStore store, DeliveryScheduler deliveries, IOptions<StripeEmulatorOptions> options)
{
    // Stripe sends indented JSON; replaying the same bytes keeps signature tests honest.
    private static readonly JsonSerializerOptions _payloadFormat = new() { WriteIndented = true };

    private readonly Lock _gate = new();
    private readonly List<EmulatorEvent> _events = [];

    public IReadOnlyList<EmulatorEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>Call under the store lock, right after the change, so events keep the order of changes.</summary>
    public EmulatorEvent Record(string type, JsonObject dataObject, JsonObject? previousAttributes = null)
    {
        var created = store.Now;
        var data = new JsonObject { ["object"] = dataObject };
        if (previousAttributes is not null)
        {
            data["previous_attributes"] = previousAttributes;
        }
        var id = StripeIds.New("evt_");
        var payload = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = StripeConfiguration.ApiVersion,
            ["created"] = created.ToUnixTimeSeconds(),
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        };
        var recorded = new EmulatorEvent(id, type, created, payload.ToJsonString(_payloadFormat));
        lock (_gate)
        {
            _events.Add(recorded);
            if (options.Value.DeliverWebhooks)
            {
                deliveries.Enqueue(recorded);
            }
        }
        return recorded;
    }
}
