using System.Text.Json.Nodes;
using Support.StripeEmulator.State;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Api;

/// <summary>
/// <c>GET /v1/events</c> and <c>GET /v1/events/{id}</c> from the emulator's event log. Like Stripe, only events of
/// the last 30 days (by the emulator's clock) are there, and <c>pending_webhooks</c> counts a delivery not yet made.
/// </summary>
internal static class EventsApi
{
    private static readonly TimeSpan _kept = TimeSpan.FromDays(30);

    public static JsonObject List(ApiRequest request)
    {
        var form = request.Params;
        var type = form.Get("type");
        var types = form.Array("types");
        if (type is not null && types.Count > 0)
        {
            throw StripeEmulatorException.Exclusive("type", "types");
        }
        if (types.Count > 20)
        {
            throw StripeEmulatorException.Invalid("You may pass at most 20 values for types.", "types");
        }
        var deliverySuccess = form.Bool("delivery_success");
        var pending = PendingEventIds(request);
        var events = Kept(request);
        return ListPage.Render(form, "/v1/events", "event", events, e => e.Id, e => e.Created,
            e => (type is null || Matches(e.Type, type)) && (types.Count == 0 || types.Contains(e.Type))
                && (deliverySuccess is null || deliverySuccess == !pending.Contains(e.Id)),
            e => Render(e, pending));
    }

    public static JsonObject Retrieve(ApiRequest request) =>
        Kept(request).FirstOrDefault(e => e.Id == request.Id) is { } found
            ? Render(found, PendingEventIds(request))
            : throw StripeEmulatorException.Missing("event", request.Id);

    private static List<EmulatorEvent> Kept(ApiRequest request)
    {
        var since = request.Service<EmulatorStore>().Now - _kept;
        return [.. request.Service<EventLog>().Snapshot().Where(e => e.Created >= since).Reverse()];
    }

    /// <summary>Events with a delivery not made (pending, failed or dropped); events never queued count as delivered.</summary>
    private static HashSet<string> PendingEventIds(ApiRequest request) =>
    [
        .. request.Service<DeliveryScheduler>().Snapshot()
            .Where(d => d.Status != WebhookDeliveryStatus.Delivered)
            .Select(d => d.EventId),
    ];

    /// <summary>Stripe's <c>type</c> filter: an exact name, or a group with <c>*</c> (<c>invoice.*</c>).</summary>
    private static bool Matches(string type, string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star < 0
            ? type == pattern
            : type.StartsWith(pattern[..star], StringComparison.Ordinal) && type.EndsWith(pattern[(star + 1)..], StringComparison.Ordinal);
    }

    private static JsonObject Render(EmulatorEvent stripeEvent, HashSet<string> pending)
    {
        var json = JsonNode.Parse(stripeEvent.Payload)!.AsObject();
        json["pending_webhooks"] = pending.Contains(stripeEvent.Id) ? 1 : 0;
        return json;
    }
}
