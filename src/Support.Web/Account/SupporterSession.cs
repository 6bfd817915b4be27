using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Account;
using Support.Web.Shared;

namespace Support.Web.Account;

/// <summary>
/// The signed-in supporter: a cookie of its own scheme carrying the normalised email and the email's session stamp
/// (<see cref="AccountSession"/>), which every request checks, so signing out or erasing ends every session at once.
/// </summary>
public static class SupporterSession
{
    public const string Scheme = "Supporter";
    public const string Policy = "Supporter";
    public const string CookieName = "support_account";
    private const string StampClaim = "support:session";

    /// <summary>The signed-in email, or null. Reads this scheme explicitly, whatever the app's default scheme is.</summary>
    public static async Task<string?> EmailAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded)
        {
            return null;
        }
        // Antiforgery tokens rendered on this request must belong to the same user the POST will carry.
        http.User = result.Principal;
        return EmailOf(result.Principal);
    }

    public static string? EmailOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email);

    public static async Task SignInAsync(HttpContext http, string email)
    {
        var stamp = await StampAsync(http.RequestServices.GetRequiredService<SupportDbContext>(), email,
            http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, email), new Claim(ClaimTypes.Email, email), new Claim(StampClaim, stamp)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>Ends every session of the signed-in email, on every device, and this browser's cookie.</summary>
    public static async Task SignOutEverywhereAsync(HttpContext http)
    {
        if (EmailOf(http.User) is { } email)
        {
            await http.RequestServices.GetRequiredService<SupportDbContext>().AccountSessions
                .Where(s => s.Email == email).ExecuteDeleteAsync(http.RequestAborted);
        }
        await SignOutAsync(http);
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Cookie validation on every request: the cookie's stamp must still be its email's.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var email = context.Principal is { } principal ? EmailOf(principal) : null;
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<SupportDbContext>();
        if (email is null || stamp is null
            || !await db.AccountSessions.AnyAsync(s => s.Email == email && s.Stamp == stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>The email's current stamp, so other devices stay signed in; a new one when it has none.</summary>
    private static async Task<string> StampAsync(SupportDbContext db, string email, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await db.AccountSessions.AsNoTracking().Where(s => s.Email == email).Select(s => s.Stamp).SingleOrDefaultAsync(ct) is { } existing)
            {
                return existing;
            }
            var session = new AccountSession
            {
                Email = email,
                Stamp = UrlTokens.New(24),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.AccountSessions.Add(session);
            try
            {
                await db.SaveChangesAsync(ct);
                return session.Stamp;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Another device signed in at the same moment: use its stamp.
                db.ChangeTracker.Clear();
            }
        }
    }
}
