using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Support.StripeEmulator.Webhooks;

namespace Support.StripeEmulator.Control;

/// <summary>The delivery log and the switches tests use on deliveries, under <c>{prefix}/control/webhooks</c>.</summary>
internal static class WebhookControlEndpoints
{
    private static readonly TimeSpan _defaultWait = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder control)
    {
        var webhooks = control.MapGroup("/webhooks");
        webhooks.MapGet("", Do((http, emulator) => Log(http, emulator)));
        webhooks.MapGet("/wait", context => ControlEndpoints.Run(context, Wait));
        webhooks.MapPost("/pause", Do((_, emulator) => Change(emulator, emulator.PauseDeliveries)));
        webhooks.MapPost("/resume", Do((_, emulator) => Change(emulator, emulator.ResumeDeliveries)));
        webhooks.MapPost("/drop", Do((http, emulator) => Change(emulator, () => emulator.DropDeliveries(Share(http)))));
        webhooks.MapPost("/abandon", Do((_, emulator) =>
        {
            var abandoned = emulator.AbandonPendingDeliveries();
            var state = State(emulator);
            state["abandoned"] = abandoned;
            return state;
        }));
    }

    private static RequestDelegate Do(Func<HttpContext, StripeEmulator, JsonObject> action) => context => RunAsync(context, action);

    private static Task RunAsync(HttpContext context, Func<HttpContext, StripeEmulator, JsonObject> action) =>
        ControlEndpoints.Run(context, (http, emulator, _) => Task.FromResult(action(http, emulator)));

    private static JsonObject Log(HttpContext context, StripeEmulator emulator)
    {
        var status = context.Request.Query["status"].ToString();
        var eventId = context.Request.Query["event"].ToString();
        var state = State(emulator);
        state["data"] = new JsonArray([.. emulator.Deliveries
            .Where(d => (status.Length == 0 || d.Status == status) && (eventId.Length == 0 || d.EventId == eventId))
            .Select(Render)]);
        return state;
    }

    private static async Task<JsonObject> Wait(HttpContext context, StripeEmulator emulator, string _)
    {
        var timeout = context.Request.Query["timeout"].ToString() is { Length: > 0 } raw
            ? double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 600
                ? TimeSpan.FromSeconds(seconds)
                : throw StripeEmulatorException.Invalid("timeout is a number of seconds between 0 and 600.", "timeout")
            : _defaultWait;
        try
        {
            await emulator.WaitForDeliveriesAsync(timeout, context.RequestAborted);
        }
        catch (TimeoutException ex)
        {
            throw new StripeEmulatorException(StatusCodes.Status408RequestTimeout, "invalid_request_error", ex.Message);
        }
        return State(emulator);
    }

    private static double Share(HttpContext context) =>
        double.TryParse(context.Request.Query["share"], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw StripeEmulatorException.Invalid("share is the part of new deliveries to drop, between 0 and 1 (0 stops dropping).", "share");

    private static JsonObject Change(StripeEmulator emulator, Action change)
    {
        change();
        return State(emulator);
    }

    private static JsonObject State(StripeEmulator emulator)
    {
        var deliveries = emulator.Deliveries;
        return new JsonObject
        {
            ["paused"] = emulator.DeliveriesPaused,
            ["drop_share"] = emulator.DropShare,
            ["pending"] = deliveries.Count(d => d.Status == WebhookDeliveryStatus.Pending),
            ["delivered"] = deliveries.Count(d => d.Status == WebhookDeliveryStatus.Delivered),
            ["failed"] = deliveries.Count(d => d.Status == WebhookDeliveryStatus.Failed),
            ["dropped"] = deliveries.Count(d => d.Status == WebhookDeliveryStatus.Dropped),
        };
    }

    private static JsonObject Render(WebhookDelivery delivery) => new()
    {
        ["event"] = delivery.EventId,
        ["type"] = delivery.EventType,
        ["event_created"] = delivery.EventCreated.ToUnixTimeSeconds(),
        ["status"] = delivery.Status,
        ["next_attempt_at"] = delivery.NextAttemptAt?.ToString("O", CultureInfo.InvariantCulture),
        ["attempts"] = new JsonArray([.. delivery.Attempts.Select(attempt => (JsonNode)new JsonObject
        {
            ["number"] = attempt.Number,
            ["url"] = attempt.Url.ToString(),
            ["started_at"] = attempt.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["duration_ms"] = Math.Round(attempt.Duration.TotalMilliseconds, 1),
            ["status_code"] = attempt.StatusCode,
            ["error"] = attempt.Error,
            ["response_body"] = attempt.ResponseBody,
        })]),
    };
}
