using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;

namespace Support.Web.Prompt;

/// <summary>
/// Protects a prompt state's text, once per second and text. Every reader who arrives without a cookie in the same
/// second gets the same state ("2;i=&lt;now&gt;", and the variant drawn for them), so the first view's cookie costs one
/// Data Protection call (a key derivation, AES and an HMAC) per second and variant instead of one per view. Equal
/// texts then carry equal cookies, which tells nothing new: their states are equal. Other texts (returning readers
/// with their own history) are protected as before; at most <see cref="MaxTexts"/> are kept per second.
/// </summary>
public sealed class ProtectedStates(IDataProtector protector, TimeProvider time)
{
    public const int MaxTexts = 32;
    private Second _current = new(long.MinValue);

    public string Protect(string text)
    {
        var second = ThisSecond();
        if (second.Protected.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var value = protector.Protect(text);
        if (second.TryReserve())
        {
            second.Protected.TryAdd(text, value);
        }
        return value;
    }

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
        public long UnixSeconds { get; } = unixSeconds;
        public ConcurrentDictionary<string, string> Protected { get; } = new(StringComparer.Ordinal);
        private int _count;

        public bool TryReserve() => Interlocked.Increment(ref _count) <= MaxTexts;
    }
}
