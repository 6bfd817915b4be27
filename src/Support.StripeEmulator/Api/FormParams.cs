using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Support.StripeEmulator.Api;

/// <summary>
/// Stripe's bracket-notation parameters (<c>line_items[0][price_data][currency]=usd</c>), from the query
/// string and the form body, kept flat by full key: the few nested shapes we need are read by prefix.
/// </summary>
internal sealed class FormParams(Dictionary<string, string> values)
{
    public static async Task<FormParams> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }
        return new FormParams(values);
    }

    public IReadOnlyDictionary<string, string> All => values;

    /// <summary>The parameters in a stable order, to tell a retry from another request under the same idempotency key.</summary>
    public string Fingerprint() => string.Join('&', values.OrderBy(pair => pair.Key, StringComparer.Ordinal)
        .Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value)));

    public string? Get(string key) => values.TryGetValue(key, out var value) ? value : null;

    public string Required(string key) => Get(key) switch
    {
        null => throw StripeEmulatorException.ParameterMissing(key),
        "" => throw StripeEmulatorException.InvalidEmpty(key),
        var value => value,
    };

    public long? Long(string key)
    {
        var raw = Get(key);
        if (raw is null)
        {
            return null;
        }
        return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw StripeEmulatorException.InvalidInteger(key, raw);
    }

    public bool? Bool(string key) => Get(key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var raw => throw StripeEmulatorException.Invalid($"Invalid boolean: {raw}", key),
    };

    /// <summary>Entries of a hash parameter such as <c>metadata[key]=value</c>; null when none were sent.</summary>
    public Dictionary<string, string>? Hash(string prefix)
    {
        var start = prefix + "[";
        var entries = values
            .Where(pair => pair.Key.StartsWith(start, StringComparison.Ordinal) && pair.Key.EndsWith(']'))
            .Select(pair => (Key: pair.Key[start.Length..^1], pair.Value))
            .Where(pair => !pair.Key.Contains('[', StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        return entries.Count == 0 && !values.ContainsKey(prefix) ? null : entries;
    }

    /// <summary>Values of an array parameter such as <c>expand[0]=customer</c>.</summary>
    public IReadOnlyList<string> Array(string prefix) => Hash(prefix)?.Values.ToList() ?? [];

    public bool Expands(string field) => Array("expand").Contains(field);

    /// <summary>The emulator models one item per list (<c>line_items[0]</c>, <c>items[0]</c>); a second is refused, not ignored.</summary>
    public void OnlyFirstItem(string list)
    {
        var second = values.Keys.FirstOrDefault(key => key.StartsWith(list + "[", StringComparison.Ordinal) && !key.StartsWith(list + "[0]", StringComparison.Ordinal));
        if (second is not null)
        {
            throw StripeEmulatorException.Invalid($"The Stripe emulator models one item in {list}; {second} would be a second one.", second);
        }
    }
}
