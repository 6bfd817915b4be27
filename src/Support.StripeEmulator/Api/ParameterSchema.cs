using System.Text.Json;

namespace Support.StripeEmulator.Api;

/// <summary>
/// The form keys Stripe accepts on each endpoint the emulator serves, and their enums, generated from Stripe's
/// published types (Schema/stripe-parameters.json, Schema/generate.js). Key patterns use <c>#</c> for an array
/// index and <c>*</c> for a hash key: <c>line_items[#][price_data][currency]</c>, <c>metadata[*]</c>.
/// </summary>
internal sealed class ParameterSchema
{
    private static readonly Lazy<Dictionary<string, ParameterSchema>> _endpoints = new(Load);

    private readonly HashSet<string> _patterns;
    private readonly Dictionary<string, string[]> _enums;

    private ParameterSchema(HashSet<string> patterns, Dictionary<string, string[]> enums) => (_patterns, _enums) = (patterns, enums);

    /// <summary>The schema of <c>"POST /v1/checkout/sessions"</c>; a missing endpoint is a bug in the emulator's route table.</summary>
    public static ParameterSchema For(string endpoint) =>
        _endpoints.Value.TryGetValue(endpoint, out var schema) ? schema
            : throw new InvalidOperationException($"Schema/stripe-parameters.json has no endpoint '{endpoint}': regenerate it (docs/stripe-emulator.md).");

    /// <summary>The pattern of a concrete key (<c>line_items[0][quantity]</c> → <c>line_items[#][quantity]</c>) when Stripe accepts the key.</summary>
    public string? Match(string key)
    {
        var segments = Segments(key);
        if (segments is null)
        {
            return null;
        }
        return Match(segments, 1, segments[0]);
    }

    private string? Match(List<string> segments, int index, string prefix)
    {
        if (index == segments.Count)
        {
            return _patterns.Contains(prefix) ? prefix : null;
        }
        var segment = segments[index];
        foreach (var candidate in new[] { segment, "#", "*" })
        {
            if (candidate == "#" && !(segment.Length == 0 || segment.All(char.IsAsciiDigit)))
            {
                continue;
            }
            if (Match(segments, index + 1, $"{prefix}[{candidate}]") is { } found)
            {
                return found;
            }
        }
        return null;
    }

    public IReadOnlyList<string>? EnumOf(string pattern) => _enums.GetValueOrDefault(pattern);

    /// <summary><c>a[b][0]</c> → <c>a</c>, <c>b</c>, <c>0</c>; null when the brackets do not pair up.</summary>
    public static List<string>? Segments(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var segments = new List<string> { open < 0 ? key : key[..open] };
        while (open >= 0)
        {
            var close = key.IndexOf(']', open);
            if (close < 0 || (close + 1 < key.Length && key[close + 1] != '['))
            {
                return null;
            }
            segments.Add(key[(open + 1)..close]);
            open = close + 1 < key.Length ? close + 1 : -1;
        }
        return segments[0].Length == 0 ? null : segments;
    }

    private static Dictionary<string, ParameterSchema> Load()
    {
        using var stream = typeof(ParameterSchema).Assembly.GetManifestResourceStream("Support.StripeEmulator.stripe-parameters.json")
            ?? throw new InvalidOperationException("The embedded Stripe parameter schema is missing.");
        var file = JsonSerializer.Deserialize<Dictionary<string, SchemaEntry>>(stream)!;
        return file.ToDictionary(entry => entry.Key, entry => new ParameterSchema([.. entry.Value.keys], entry.Value.enums));
    }

    // Field names as in the generated file.
#pragma warning disable IDE1006
    private sealed record SchemaEntry(string[] required, string[] keys, Dictionary<string, string[]> enums);
#pragma warning restore IDE1006
}
