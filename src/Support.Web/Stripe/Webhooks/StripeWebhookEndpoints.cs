using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Data.Stripe;
using Support.Web.Hosting;
using global::Stripe;

namespace Support.Web.Stripe.Webhooks;

public static class StripeWebhookEndpoints
{
    /// <summary>Stripe's payloads are far smaller; anything bigger is not from Stripe.</summary>
    private const int MaxPayloadBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/stripe/webhook", HandleAsync)
            .DisableAntiforgery()
            .AllowCrossSitePosts()
            .WithMetadata(new RequestSizeLimitAttribute(MaxPayloadBytes))
            .WithName("StripeWebhook");
        return app;
    }

    private static async Task<Results<Ok<string>, BadRequest<string>, ContentHttpResult>> HandleAsync(
        HttpRequest request,
        StripeEventProcessor processor,
        SupportMetrics metrics,
        IOptions<StripeOptions> options,
        ILogger<StripeEventProcessor> logger,
        CancellationToken ct)
    {
        var signature = request.Headers["Stripe-Signature"].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return TypedResults.BadRequest("Missing Stripe-Signature header.");
        }
        if (!WebhookPayload.IsReadableSignature(signature))
        {
            return TypedResults.BadRequest("Unreadable Stripe-Signature header.");
        }
        string json;
        try
        {
            using var reader = new StreamReader(request.Body);
            json = await reader.ReadToEndAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Text("Payload too large for a Stripe event.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            EventUtility.ValidateSignature(json, signature, options.Value.EffectiveWebhookSecret, options.Value.WebhookToleranceSeconds);
        }
        catch (StripeException e)
        {
            // Never log the header or the secret: only why the event was refused.
            logger.LogWarning("Refused a Stripe webhook: {Reason}", e.Message);
            metrics.WebhookEvent("unknown", "refused");
            return TypedResults.BadRequest("Invalid Stripe signature or payload.");
        }
        if (WebhookPayload.ShapeError(json) is { } shape)
        {
            logger.LogWarning("Refused a signed webhook that is not a Stripe event: {Reason}", shape);
            return TypedResults.BadRequest("Malformed Stripe event: " + shape);
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: true);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Refused a Stripe webhook: {Reason}", e.Message);
            return TypedResults.BadRequest("Invalid Stripe signature or payload.");
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or System.Text.Json.JsonException or FormatException)
        {
            logger.LogWarning("Refused a malformed Stripe webhook: {Reason}", e.Message);
            return TypedResults.BadRequest("Malformed Stripe event.");
        }

        var outcome = await processor.ProcessAsync(stripeEvent, StripeEventSource.Webhook, ct);
        metrics.WebhookEvent(stripeEvent.Type, outcome.ToString().ToLowerInvariant());
        return TypedResults.Ok(outcome.ToString().ToLowerInvariant());
    }
}
