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

/// <summary>What every API endpoint shares: API-key check, parameter checks against Stripe's schema, idempotency and Stripe's error JSON.</summary>
internal static class ApiPipeline
{
    /// <param name="endpoint">Its name in Stripe's schema, such as <c>"POST /v1/products"</c>.</param>
    /// <param name="handler">Runs once the parameters passed.</param>
    /// <param name="emulated">The key patterns the handler models; any other key Stripe accepts is refused as not emulated.</param>
    public static RequestDelegate Handle(string endpoint, Func<ApiRequest, JsonObject> handler, params string[] emulated)
    {
        var schema = ParameterSchema.For(endpoint);
        var modelled = emulated.ToHashSet(StringComparer.Ordinal);
        return async context =>
        {
            var (status, body) = await RunAsync(context, request => handler(Checked(request, schema, modelled)));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.Headers["Request-Id"] = StripeIds.New("req_");
            await context.Response.WriteAsync(body, context.RequestAborted);
        };
    }

    /// <summary>Answers an unknown URL like Stripe does, not with an empty 404.</summary>
    public static RequestDelegate Unrecognized() => async context =>
    {
        var (status, body) = await RunAsync(context, _ => throw new StripeEmulatorException(404, "invalid_request_error",
            $"Unrecognized request URL ({context.Request.Method}: {context.Request.Path}). The Stripe emulator does not implement this endpoint."));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    };

    private static ApiRequest Checked(ApiRequest request, ParameterSchema schema, HashSet<string> modelled)
    {
        foreach (var (key, value) in request.Params.All.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var pattern = schema.Match(key) ?? throw StripeEmulatorException.Unknown(key);
            if (!modelled.Contains(pattern))
            {
                throw StripeEmulatorException.NotEmulated(key);
            }
            if (schema.EnumOf(pattern) is { } allowed && value.Length > 0 && !allowed.Contains(value))
            {
                throw StripeEmulatorException.InvalidEnum(key, allowed);
            }
        }
        return request;
    }

    private static async Task<(int Status, string Body)> RunAsync(HttpContext context, Func<ApiRequest, JsonObject> handler)
    {
        if (!ApiKey(context.Request).StartsWith("sk_test_", StringComparison.Ordinal))
        {
            return Failure(new StripeEmulatorException(401, "invalid_request_error",
                "You did not provide a test API key (sk_test_...) as 'Authorization: Bearer <key>'."));
        }
        var request = new ApiRequest(context, await FormParams.ReadAsync(context.Request));
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var idempotent = key.Length > 0 && !HttpMethods.IsGet(context.Request.Method);
        var cache = context.RequestServices.GetRequiredService<IdempotencyCache>();
        try
        {
            if (idempotent && cache.Begin(key, $"{context.Request.Method} {context.Request.Path} {request.Params.Fingerprint()}") is { } saved)
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return saved;
            }
        }
        catch (StripeEmulatorException refused)
        {
            return Failure(refused);
        }

        (int Status, string Body) result;
        var save = true;
        try
        {
            result = (200, handler(request).ToJsonString());
        }
        catch (StripeEmulatorException error)
        {
            result = Failure(error);
            save = !error.IsValidation;
        }
        if (idempotent)
        {
            cache.Finish(key, result, save);
        }
        return result;
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
