using System.Text;
using CsCheck;

namespace Support.Tests.Security.Walk;

/// <summary>A value as it goes on the wire (percent-encoded, so invalid UTF-8 can be sent too), with a name for reports.</summary>
public sealed record HostileValue(string Label, string Encoded, bool Huge = false)
{
    public override string ToString() => Label;
}

/// <summary>The hostile values every input gets, and a generator that mixes their pieces (CsCheck).</summary>
public static class HostileValues
{
    private static readonly (string Label, string Text)[] Texts =
    [
        ("empty", ""), ("space", " "), ("10 KB", new string('x', 10_240)),
        ("NUL", "\0"), ("NUL inside", "a\0b"), ("CR LF", "\r\n"), ("header injection", "x\r\nSet-Cookie: evil=1"), ("tab", "\t"),
        ("unicode", "é日本語🙂"), ("right-to-left override", "\u202Egnp.exe"), ("zero width", "\u200B\uFEFF"),
        ("combining marks", "e\u0301\u0301\u0301"), ("10 KB of é", new string('é', 5_000)), ("emoji flood", string.Concat(Enumerable.Repeat("🙂", 2_000))),
        ("dot-dot-slash", "../../../../etc/passwd"), ("dot-dot-backslash", "..\\..\\windows\\win.ini"), ("encoded dot-dot as text", "%2e%2e%2f"),
        ("SQL quote", "' OR '1'='1' --"), ("SQL statement", "1; DROP TABLE \"Supporters\"; --"),
        ("HTML script", "<script>alert(1)</script>"), ("HTML attribute", "\"><img src=x onerror=alert(1)>"),
        ("1e309", "1e309"), ("-0", "-0"), ("-1", "-1"), ("0", "0"), ("huge integer", "99999999999999999999999999"),
        ("NaN", "NaN"), ("Infinity", "Infinity"), ("double overflow", "1.7976931348623157E+309"), ("hex", "0x7fffffff"),
        ("int overflow", "2147483648"), ("long underflow", "-9223372036854775809"), ("bad date", "2026-13-45"), ("far date", "9999-12-31"),
        ("JSON", "{\"a\":1}"), ("array", "[]"), ("null", "null"), ("format string", "{0}{1}%s%n"),
        ("protocol relative", "//evil.example"), ("javascript URL", "javascript:alert(1)"),
    ];

    /// <summary>Byte sequences that are not UTF-8, and stray percent signs.</summary>
    private static readonly (string Label, string Encoded)[] Raw =
    [
        ("invalid UTF-8", "%FF%FE"), ("truncated UTF-8", "%C3"), ("lone surrogate", "%ED%A0%80"), ("overlong slash", "%C0%AF"),
        ("lone percent", "%"), ("bad escape", "%zz"),
    ];

    public static readonly IReadOnlyList<HostileValue> All =
    [
        .. Texts.Select(t => new HostileValue(t.Label, Encode(t.Text))),
        .. Raw.Select(r => new HostileValue(r.Label, r.Encoded)),
        new("1 MB", new string('9', 1_048_576), Huge: true),
    ];

    /// <summary>Values made of one to five pieces of the above and random text, run together (an accent, markup and "-0", say).</summary>
    public static readonly Gen<HostileValue> Mixed =
        Gen.OneOf(
                Gen.OneOf(Texts.Where(t => t.Text.Length < 100).Select(t => Encode(t.Text)).ToArray()),
                Gen.OneOf(Raw.Select(r => r.Encoded).ToArray()),
                Gen.String[Gen.Char, 0, 40].Select(Encode))
            .Array[1, 5]
            .Select(pieces => new HostileValue("mix of " + string.Join("+", pieces.Select(p => p.Length > 12 ? p[..12] + "…" : p)), string.Concat(pieces)));

    /// <summary>Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser sends it).</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
