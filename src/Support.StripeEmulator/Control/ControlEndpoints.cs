using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Support.StripeEmulator.Json;

namespace Support.StripeEmulator.Control;

/// <summary>HTTP doors onto <see cref="StripeEmulator"/> for demos and browser tests, which cannot call it directly.</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        var control = group.MapGroup("/control");
        control.MapPost("/subscriptions/{id}/advance", context => Run(context, Advance));
        control.MapPost("/subscriptions/{id}/upcoming", Do((_, emulator, id) => emulator.SendUpcoming(id)));
        control.MapPost("/subscriptions/{id}/cancel", Do((_, emulator, id) => emulator.Cancel(id)));
        control.MapPost("/invoices/{id}/retry", Do((_, emulator, id) => emulator.Retry(id)));
        control.MapPost("/invoices/{id}/pay", Do((_, emulator, id) => emulator.Pay(id)));
        control.MapPost("/invoices/{id}/refund", context => Run(context, Refund));
        control.MapPost("/payment_intents/{id}/refund", Do((http, emulator, id) => emulator.RefundPayment(id, Amount(http, required: false))));
        control.MapPost("/customers/{id}/card", Do((http, emulator, id) => emulator.UpdateCard(id, Query(http, "number"))));
        control.MapPost("/disputes/{id}/close", Do((http, emulator, id) => emulator.CloseDispute(id, Outcome(http))));
        WebhookControlEndpoints.Map(control);
    }

    private static RequestDelegate Do(Func<HttpContext, StripeEmulator, string, JsonObject> action) => context => RunNow(context, action);

    private static Task RunNow(HttpContext context, Func<HttpContext, StripeEmulator, string, JsonObject> action) =>
        Run(context, (http, emulator, id) => Task.FromResult(action(http, emulator, id)));

    private static async Task<JsonObject> Advance(HttpContext context, StripeEmulator emulator, string id) =>
        new() { ["invoice"] = await emulator.AdvanceAsync(id, context.RequestAborted) };

    private static async Task<JsonObject> Refund(HttpContext context, StripeEmulator emulator, string id) =>
        new() { ["refund"] = await emulator.RefundInvoiceAsync(id, Amount(context, required: true)!.Value, context.RequestAborted) };

    private static long? Amount(HttpContext context, bool required)
    {
        var raw = context.Request.Query["amount"].ToString();
        if (raw.Length == 0 && !required)
        {
            return null;
        }
        return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw StripeEmulatorException.ParameterMissing("amount");
    }

    private static bool Outcome(HttpContext context) => Query(context, "outcome") switch
    {
        "won" => true,
        "lost" => false,
        _ => throw StripeEmulatorException.Invalid("outcome is won or lost.", "outcome"),
    };

    private static string Query(HttpContext context, string name) =>
        context.Request.Query[name].ToString() is { Length: > 0 } value ? value : throw StripeEmulatorException.ParameterMissing(name);

    public static async Task Run(HttpContext context, Func<HttpContext, StripeEmulator, string, Task<JsonObject>> action)
    {
        var emulator = context.RequestServices.GetRequiredService<StripeEmulator>();
        var id = context.Request.RouteValues["id"] as string ?? "";
        JsonObject body;
        try
        {
            body = await action(context, emulator, id);
        }
        catch (StripeEmulatorException error)
        {
            context.Response.StatusCode = error.StatusCode;
            body = StripeJson.Error(error);
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
