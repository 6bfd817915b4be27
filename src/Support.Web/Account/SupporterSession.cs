using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Support.Web.Account;

/// <summary>The signed-in supporter: a cookie of its own scheme, carrying only the normalised email.</summary>
public static class SupporterSession
{
    public const string Scheme = "Supporter";
    public const string Policy = "Supporter";
    public const string CookieName = "support_account";

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

    public static Task SignInAsync(HttpContext http, string email)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, email), new Claim(ClaimTypes.Email, email)], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
