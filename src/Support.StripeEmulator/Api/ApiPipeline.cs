using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Support.StripeEmulator.Json;
using Support.StripeEmulator.State;

namespace Support.StripeEmulator.Api;

internal sealed record ApiRequest(HttpContext Http, FormParams Params)
{
    public string Id => Http.Request.RouteValues["id"] as string ?? "";

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    /// <summary>Absolute URL of a hosted page (<c>checkout/{id}</c>), at the public address when one is configured.</summary>
    public string HostedPageUrl(string path)
    {
        var options = Service<IOptions<StripeEmulatorOptions>>().Value;
        var request = Http.Request;
        var root = options.PublicBaseUrl?.GetLeftPart(UriPartial.Path).TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{root}{options.PathPrefix.TrimEnd('/')}/{path}";
    }
}

/// <summary>First answers per Idempotency-Key, so a retried POST gets the same object back, as with Stripe.</summary>
internal sealed class IdempotencyCache
{
    public ConcurrentDictionary<string, (int Status, string Body)> Responses { get; } = new();
}

/// <summary>What every API endpoint shares: API-key check, parameter parsing, idempotency and Stripe's error JSON.</summary>
internal static class ApiPipeline
{
    public static RequestDelegate Handle(Func<ApiRequest, JsonObject> handler) => async context =>
    {
        var (status, body) = await RunAsync(context, handler);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = StripeIds.New("req_");
        await context.Response.WriteAsync(body, context.RequestAborted);
    };

    private static async Task<(int Status, string Body)> RunAsync(HttpContext context, Func<ApiRequest, JsonObject> handler)
    {
        if (!ApiKey(context.Request).StartsWith("sk_test_", StringComparison.Ordinal))
        {
            return Failure(new StripeEmulatorException(401, "invalid_request_error",
                "You did not provide a test API key (sk_test_...) as 'Authorization: Bearer <key>'."));
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var cache = context.RequestServices.GetRequiredService<IdempotencyCache>();
        var cacheKey = $"{context.Request.Method} {context.Request.Path} {key}";
        var replayable = key.Length > 0 && !HttpMethods.IsGet(context.Request.Method);
        if (replayable && cache.Responses.TryGetValue(cacheKey, out var first))
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return first;
        }

        (int Status, string Body) result;
        try
        {
            var request = new ApiRequest(context, await FormParams.ReadAsync(context.Request));
            result = (200, handler(request).ToJsonString());
        }
        catch (StripeEmulatorException error)
        {
            result = Failure(error);
        }
        return replayable ? cache.Responses.GetOrAdd(cacheKey, result) : result;
    }

    /// <summary>The key as Stripe takes it: a bearer token, or the user name of basic auth (<c>curl -u sk_test_…:</c>).</summary>
    private static string ApiKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return authorization["Bearer ".Length..];
        }
        try
        {
            return authorization.StartsWith("Basic ", StringComparison.Ordinal)
                ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])).Split(':')[0]
                : "";
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static (int, string) Failure(StripeEmulatorException error) =>
        (error.StatusCode, StripeJson.Error(error).ToJsonString());
}
