using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Net.Http.Headers;

namespace Support.Web.Prompt;

/// <summary>
/// The prompt cookie's <c>Set-Cookie</c> header, made once per second, state text and scheme. Every reader who
/// arrives without a cookie in the same second gets the same state ("2;i=&lt;now&gt;", and the variant drawn for
/// them), so the first view's cookie costs one Data Protection call (a key derivation, AES and an HMAC) and one header
/// per second and variant instead of one per view. Equal texts then carry equal cookies, which tells nothing new:
/// their states are equal. Other texts (returning readers with their own history) are made each time; at most
/// <see cref="MaxTexts"/> are kept per second.
/// </summary>
public sealed class PromptCookieHeaders(IDataProtector protector, TimeProvider time, string? domain)
{
    public const int MaxTexts = 32;
    private Second _current = new(long.MinValue);

    public string Get(string text, bool secure)
    {
        var second = ThisSecond();
        var key = (text, secure);
        if (second.Headers.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var header = Make(text, secure, second.UnixSeconds);
        if (second.TryReserve())
        {
            second.Headers.TryAdd(key, header);
        }
        return header;
    }

    /// <summary>What <c>Response.Cookies.Append</c> would write for these options.</summary>
    private string Make(string text, bool secure, long unixSeconds) =>
        new SetCookieHeaderValue(Uri.EscapeDataString(PromptCookie.Name), Uri.EscapeDataString(protector.Protect(text)))
        {
            // Long enough for an experiment's life and a supporter's year; the state itself says what has expired.
            Expires = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).AddYears(1),
            HttpOnly = true,
            SameSite = Microsoft.Net.Http.Headers.SameSiteMode.Lax,
            Secure = secure,
            Path = "/",
            // Site:CookieDomain: the publisher's pages on a sibling subdomain see the same state through the embed.
            Domain = domain,
        }.ToString();

    private Second ThisSecond()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var current = Volatile.Read(ref _current);
        if (current.UnixSeconds == now)
        {
            return current;
        }
        var next = new Second(now);
        var seen = Interlocked.CompareExchange(ref _current, next, current);
        return ReferenceEquals(seen, current) ? next : seen;
    }

    private sealed class Second(long unixSeconds)
    {
        private int _count;

        public long UnixSeconds { get; } = unixSeconds;
        public ConcurrentDictionary<(string Text, bool Secure), string> Headers { get; } = new();

        public bool TryReserve() => Interlocked.Increment(ref _count) <= MaxTexts;
    }
}
