using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Account;
using Support.Web.Shared;

namespace Support.Web.Account;

public enum LinkState
{
    Unknown,
    Used,
    Expired,
    Valid,
}

/// <summary>Issues and consumes single-use sign-in links; the database keeps only each token's SHA-256 hash.</summary>
public sealed class SignInLinks(SupportDbContext db, IOptions<AccountOptions> options, TimeProvider time)
{
    /// <summary>A new link token for a supporter's email (the sender checked that a supporter has it).</summary>
    public async Task<string> IssueAsync(string email, CancellationToken ct)
    {
        var token = UrlTokens.New();
        var now = time.GetUtcNow().UtcDateTime;
        db.SignInTokens.Add(new SignInToken
        {
            TokenHash = Hash(token),
            Email = email,
            CreatedAt = now,
            ExpiresAt = now + options.Value.SignInLinkLifetime,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>What following the link would do, without using it (a GET must never consume it).</summary>
    public async Task<LinkState> CheckAsync(string token, CancellationToken ct)
    {
        if (!UrlTokens.CouldBeOurs(token))
        {
            return LinkState.Unknown;
        }
        var hash = Hash(token);
        var row = await db.SignInTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Select(t => new { t.UsedAt, t.ExpiresAt }).SingleOrDefaultAsync(ct);
        return row is null ? LinkState.Unknown
            : row.UsedAt is not null ? LinkState.Used
            : row.ExpiresAt <= time.GetUtcNow().UtcDateTime ? LinkState.Expired
            : LinkState.Valid;
    }

    /// <summary>
    /// Uses the link: one conditional update (unused and unexpired → used), so of two concurrent attempts exactly
    /// one signs in. Returns the email it signs in as, or null.
    /// </summary>
    public async Task<string?> ConsumeAsync(string token, CancellationToken ct)
    {
        if (!UrlTokens.CouldBeOurs(token))
        {
            return null;
        }
        var hash = Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        var used = await db.SignInTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        return used == 0 ? null : await db.SignInTokens.Where(t => t.TokenHash == hash).Select(t => t.Email).SingleAsync(ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
