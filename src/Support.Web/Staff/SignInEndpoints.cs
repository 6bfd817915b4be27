using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Support.Data.Staff;
using Support.Web.Shared;

namespace Support.Web.Staff;

public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/staff").AllowAnonymous().RequireFormToken();
        group.MapGet("/", () => Results.Redirect("/staff/reports"));
        group.MapGet("/login", ([FromQuery] string? returnUrl) => LoginPage(returnUrl, error: null, StatusCodes.Status200OK));
        group.MapPost("/login", SignInAsync).RequireRateLimiting(StaffSignInPolicy.Name);
        group.MapPost("/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return new SeeOther("/staff/login");
        });
        return app;
    }

    public sealed class LoginForm
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }

    /// <summary>
    /// One answer for every failure (unknown email, wrong password, locked account), each after one password hash
    /// check, so neither the page nor its timing says which accounts exist or are locked.
    /// </summary>
    private static async Task<IResult> SignInAsync(
        [FromForm] LoginForm? posted, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, UnknownAccountCost cost)
    {
        var form = posted ?? new();
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            return LoginPage(form.ReturnUrl, "Enter your email and password.", StatusCodes.Status400BadRequest, form.Email);
        }
        var user = await users.FindByEmailAsync(form.Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return new SeeOther(SafeReturnUrl(form.ReturnUrl));
        }
        if (user is null || result.IsLockedOut)
        {
            // Identity checks no password for these; spend the same work as a wrong one.
            cost.Spend(form.Password);
        }
        return LoginPage(form.ReturnUrl,
            "That email and password do not match an active staff account. After five wrong passwords an account is "
            + "locked for 15 minutes; an administrator can unlock it sooner.", StatusCodes.Status400BadRequest, form.Email);
    }

    /// <summary>Only a path inside the staff area: never an absolute or protocol-relative URL.</summary>
    internal static string SafeReturnUrl(string? returnUrl) => LocalUrl.OrDefault(returnUrl, "/staff/reports", under: "/staff/");

    private static RazorComponentResult<LoginPage> LoginPage(string? returnUrl, string? error, int statusCode, string? email = null) =>
        new(new { ReturnUrl = SafeReturnUrl(returnUrl), Error = error, Email = Echo.Shortened(email) }) { StatusCode = statusCode };
}
