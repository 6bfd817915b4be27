using Microsoft.Extensions.Primitives;
using NetEscapades.AspNetCore.SecurityHeaders.Headers;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace Support.Web.Hosting;

/// <summary>The three header sets of <see cref="SecurityHeaders"/>: most answers, personal pages, pages not ours.</summary>
public sealed record SecurityHeaderSets(HeaderSet Default, HeaderSet Personal, HeaderSet Relaxed);

/// <summary>
/// What a NetEscapades policy collection writes, worked out once. Its middleware evaluates every policy for every
/// response (a dictionary, a set and a header string per policy): about 5% of an article view's CPU and a quarter of
/// its allocations (docs/performance.md). Ours read nothing of the request, so the answer is the same each time; the
/// policies that do read it (per-request CSP values such as nonces, HSTS, which looks at the scheme and host) are
/// refused when the set is made. HSTS comes from ASP.NET Core's <c>UseHsts</c>.
/// </summary>
public sealed class HeaderSet
{
    private readonly KeyValuePair<string, StringValues>[] _set;
    private readonly string[] _remove;

    private HeaderSet(KeyValuePair<string, StringValues>[] set, string[] remove)
    {
        _set = set;
        _remove = remove;
    }

    public static HeaderSet From(HeaderPolicyCollection policies)
    {
        var result = new CustomHeadersResult();
        var context = new DefaultHttpContext();
        foreach (var policy in policies.Values)
        {
            if (policy is ContentSecurityPolicyHeader.DynamicContentSecurityPolicyHeader or StrictTransportSecurityHeader)
            {
                throw new InvalidOperationException(
                    $"The security header {policy.GetType().Name} depends on the request; a header set is worked out once.");
            }
            policy.Apply(context, result);
        }
        return new HeaderSet(
            [.. result.SetHeaders.Select(h => KeyValuePair.Create(h.Key, new StringValues(h.Value)))],
            [.. result.RemoveHeaders]);
    }

    public void ApplyTo(IHeaderDictionary headers)
    {
        foreach (var (name, value) in _set)
        {
            headers[name] = value;
        }
        foreach (var name in _remove)
        {
            headers.Remove(name);
        }
    }
}
