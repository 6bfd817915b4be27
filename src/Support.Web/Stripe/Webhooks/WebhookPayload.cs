using System.Text.Json;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// What Stripe.net needs before it is handed a webhook, checked first: it throws overflow and null-reference
/// errors (500s Stripe would retry for days) on a signature time it cannot hold or a body that is not an event.
/// </summary>
public static class WebhookPayload
{
    /// <summary>Stripe's header: <c>t=&lt;unix seconds&gt;,v1=&lt;64 hex&gt;[,v1=…][,v0=…]</c>.</summary>
    public static bool IsReadableSignature(string header)
    {
        var timestamps = 0;
        var signatures = 0;
        foreach (var part in header.Split(','))
        {
            var (key, value) = part.IndexOf('=') is var eq and > 0 ? (part[..eq].Trim(), part[(eq + 1)..].Trim()) : ("", "");
            if (key == "t" && value.Length is > 0 and <= 10 && value.All(char.IsAsciiDigit))
            {
                timestamps++;
            }
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            {
                signatures++;
            }
        }
        return timestamps == 1 && signatures > 0;
    }

    /// <summary>Null when the body has an event's shape (once each: id, type, api_version, data.object); else why not.</summary>
    public static string? ShapeError(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "The body is not a JSON object.";
            }
            foreach (var name in (string[])["id", "type", "api_version"])
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 and <= 255 })
                {
                    return $"The event has no '{name}'.";
                }
            }
            if (root.TryGetProperty("created", out var created) && !(created.ValueKind == JsonValueKind.Number && created.TryGetInt64(out _)))
            {
                return "The event's 'created' is not a time.";
            }
            return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var inner) && inner.ValueKind == JsonValueKind.Object
                ? null
                : "The event has no data object.";
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }
    }
}
