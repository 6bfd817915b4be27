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
        control.MapPost("/subscriptions/{id}/cancel", context => Run(context, Cancel));
        control.MapPost("/invoices/{id}/refund", context => Run(context, Refund));
        control.MapPost("/invoices/{id}/pay", context => Run(context, Pay));
        WebhookControlEndpoints.Map(control);
    }

    private static async Task<JsonObject> Advance(HttpContext context, StripeEmulator emulator, string id) =>
        new() { ["invoice"] = await emulator.AdvanceMonthAsync(id, context.RequestAborted) };

    private static Task<JsonObject> Cancel(HttpContext context, StripeEmulator emulator, string id) =>
        Task.FromResult(emulator.Cancel(id));

    private static async Task<JsonObject> Refund(HttpContext context, StripeEmulator emulator, string id) =>
        new() { ["refund"] = await emulator.RefundInvoiceAsync(id, Amount(context), context.RequestAborted) };

    private static Task<JsonObject> Pay(HttpContext context, StripeEmulator emulator, string id) =>
        Task.FromResult(emulator.Pay(id));

    private static long Amount(HttpContext context) =>
        long.TryParse(context.Request.Query["amount"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw StripeEmulatorException.ParameterMissing("amount");

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
