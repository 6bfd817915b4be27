using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Support.Web.Prompt;
using Support.Web.Shared;

namespace Support.Web.Embed;

/// <summary>
/// What the embed's script keeps in the publisher origin's localStorage, where Support's cookie is a third-party one
/// that Safari and Firefox block: the prompt's state (<see cref="PromptState"/>, signed as the cookie is) and, after
/// a checkout, a short-lived receipt that tells the next view the reader gave. Anything unreadable is a fresh browser.
/// </summary>
public sealed class EmbedTokens(IDataProtectionProvider dataProtection, TimeProvider time)
{
    /// <summary>How long the receipt in the return URL's fragment is honoured.</summary>
    public static readonly TimeSpan ReceiptLifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _state = dataProtection.CreateProtector("Support.Embed.State.v1");
    private readonly IDataProtector _receipt = dataProtection.CreateProtector("Support.Embed.Gave.v1");

    public string Protect(PromptState state) => _state.Protect(state.Format());

    public PromptState? Read(string? token) => Unprotect(_state, token) is { } text ? PromptState.Parse(text) : null;

    /// <summary>Signed "recurring or once" with its time, so a copied link stops working within the hour.</summary>
    public string Receipt(bool recurring) =>
        _receipt.Protect(string.Create(CultureInfo.InvariantCulture, $"{(recurring ? "r" : "o")}:{time.GetUtcNow().ToUnixTimeSeconds()}"));

    /// <summary>True for a recurring gift, false for a one-time one, null for no valid receipt.</summary>
    public bool? ReadReceipt(string? receipt)
    {
        var parts = Unprotect(_receipt, receipt)?.Split(':');
        if (parts is not [var kind and ("r" or "o"), var issued] || !long.TryParse(issued, CultureInfo.InvariantCulture, out var at)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(at) > ReceiptLifetime)
        {
            return null;
        }
        return kind == "r";
    }

    /// <summary>
    /// The token and the cookie (present only when Support shares the publisher's site, Site:CookieDomain) may each
    /// know something the other does not: a supporter in either is one, the later hiding wins, and the longer list of
    /// impressions counts (with both present they mostly hold the same views, so adding them would count twice).
    /// </summary>
    public static PromptState Merge(PromptState? token, PromptState cookie)
    {
        if (token is null)
        {
            return cookie;
        }
        var hidden = token.HiddenUntil >= cookie.HiddenUntil ? token : cookie;
        return token with
        {
            Supporter = token.Supporter || cookie.Supporter,
            HiddenBy = hidden.HiddenBy,
            HiddenUntil = hidden.HiddenUntil,
            Impressions = token.Impressions.Count >= cookie.Impressions.Count ? token.Impressions : cookie.Impressions,
            Assignments = [.. token.Assignments.Concat(cookie.Assignments).DistinctBy(a => a.ExperimentId).Take(PromptState.MaxAssignments)],
        };
    }

    private static string? Unprotect(IDataProtector protector, string? value)
    {
        try
        {
            return string.IsNullOrEmpty(value) || value.Length > 4096 ? null : protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>How an embedded page is named in counters, the funnel and Checkout metadata: its origin's host and its path.</summary>
public static class EmbedPages
{
    /// <summary>
    /// "news.example.org/2026/12/story": the origin's host is in the key, so reports tell embedded views apart. A comma
    /// is escaped, since an experiment lists its articles comma-separated.
    /// </summary>
    public static string Key(Uri page) =>
        Text.Cut((page.Authority.ToLowerInvariant() + page.AbsolutePath.Replace(",", "%2C", StringComparison.Ordinal)).TrimEnd('/'), 200)!;

    /// <summary>The article's URL in Stripe's success URL: base64url, which survives any URL handling unchanged.</summary>
    public static string Encode(Uri page) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(page.ToString()));

    public static string? Decode(string? encoded)
    {
        // Base64Url's Try… still throws on a character outside its alphabet: anything else is refused first.
        if (string.IsNullOrEmpty(encoded) || encoded.Length > 4096 || !Base64Url.IsValid(encoded))
        {
            return null;
        }
        var bytes = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        return Base64Url.TryDecodeFromChars(encoded, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }
}
