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
        var group = app.MapGroup("/staff").AllowAnonymous();
        group.MapGet("/", () => Results.Redirect("/staff/reports"));
        group.MapGet("/login", ([FromQuery] string? returnUrl) => LoginPage(returnUrl, error: null, StatusCodes.Status200OK));
        group.MapPost("/login", SignInAsync);
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

    private static async Task<IResult> SignInAsync([FromForm] LoginForm form, UserManager<StaffUser> users, SignInManager<StaffUser> signIn)
    {
        const string wrong = "That email and password do not match a staff account.";
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            return LoginPage(form.ReturnUrl, "Enter your email and password.", StatusCodes.Status400BadRequest, form.Email);
        }
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null)
        {
            return LoginPage(form.ReturnUrl, wrong, StatusCodes.Status400BadRequest, form.Email);
        }
        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return LoginPage(form.ReturnUrl,
                "Too many failed attempts: this account is locked for 15 minutes. An administrator can also unlock it.",
                StatusCodes.Status429TooManyRequests, form.Email);
        }
        if (!result.Succeeded)
        {
            return LoginPage(form.ReturnUrl, wrong, StatusCodes.Status400BadRequest, form.Email);
        }
        return new SeeOther(SafeReturnUrl(form.ReturnUrl));
    }

    /// <summary>Only a path inside the staff area: never an absolute or protocol-relative URL.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/staff/", StringComparison.Ordinal)
            && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url
            : "/staff/reports";

    private static RazorComponentResult<LoginPage> LoginPage(string? returnUrl, string? error, int statusCode, string? email = null) =>
        new(new { ReturnUrl = SafeReturnUrl(returnUrl), Error = error, Email = email }) { StatusCode = statusCode };
}
