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

/// <summary>A consumed link: who it signs in, and the contribution it acts on (card update, restart).</summary>
public sealed record UsedLink(string Email, string? SubscriptionId);

/// <summary>Issues and consumes single-use sign-in links; the database keeps only each token's SHA-256 hash.</summary>
public sealed class SignInLinks(SupportDbContext db, IOptions<AccountOptions> options, TimeProvider time)
{
    /// <summary>A new link token for a supporter's email (the sender checked that a supporter has it).</summary>
    public Task<string> IssueAsync(string email, CancellationToken ct) =>
        IssueAsync(email, LinkPurpose.SignIn, null, options.Value.SignInLinkLifetime, ct);

    /// <summary>A link that signs in and then does one thing for one contribution (a card update, a restart: ADR 0014).</summary>
    public async Task<string> IssueAsync(string email, LinkPurpose purpose, string? subscriptionId, TimeSpan lifetime, CancellationToken ct)
    {
        var token = UrlTokens.New();
        var now = time.GetUtcNow().UtcDateTime;
        db.SignInTokens.Add(new SignInToken
        {
            TokenHash = Hash(token),
            Email = email,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            Purpose = purpose,
            StripeSubscriptionId = subscriptionId,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>What following the link would do, without using it (a GET must never consume it).</summary>
    public async Task<LinkState> CheckAsync(string token, CancellationToken ct, LinkPurpose purpose = LinkPurpose.SignIn)
    {
        if (!UrlTokens.CouldBeOurs(token))
        {
            return LinkState.Unknown;
        }
        var hash = Hash(token);
        var row = await db.SignInTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.Purpose == purpose)
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
    public async Task<string?> ConsumeAsync(string token, CancellationToken ct) =>
        (await ConsumeAsync(token, LinkPurpose.SignIn, ct))?.Email;

    /// <summary>The same, for a link of the given purpose: a card-update link does not work as a sign-in link, nor the reverse.</summary>
    public async Task<UsedLink?> ConsumeAsync(string token, LinkPurpose purpose, CancellationToken ct)
    {
        if (!UrlTokens.CouldBeOurs(token))
        {
            return null;
        }
        var hash = Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        var used = await db.SignInTokens
            .Where(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        return used == 0 ? null : await db.SignInTokens.Where(t => t.TokenHash == hash)
            .Select(t => new UsedLink(t.Email, t.StripeSubscriptionId)).SingleAsync(ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
