using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Shared;
using Support.Web.Supporters.Emails;

namespace Support.Web.Account;

/// <summary>Sign-in by emailed link: ask for a link, then confirm it with a button (a GET never uses the link).</summary>
public static class SignInEndpoints
{
    public static void MapSignIn(this RouteGroupBuilder group)
    {
        group.MapPost("/signin", RequestLinkAsync).RequireRateLimiting(SignInAddressPolicy.Name);
        group.MapGet("/signin/{token}", ConfirmAsync);
        group.MapPost("/signin/{token}", SignInAsync);
    }

    private static async Task<IResult> RequestLinkAsync(
        [FromForm] AccountForm? form, HttpContext http, SignInEmailLimiter limiter, SupporterEmailOutbox outbox,
        IAntiforgery af, IOptions<AccountOptions> options, CancellationToken ct)
    {
        var email = EmailAddresses.Normalise(form?.Email);
        if (string.IsNullOrEmpty(email) || !EmailAddresses.IsValid(email))
        {
            return Form(FormGuard.For(af, http), form?.Email, "Enter the email address you gave when you started supporting us.",
                null, StatusCodes.Status400BadRequest);
        }
        if (!limiter.TryAcquire(email))
        {
            return SignInAddressPolicy.TooMany();
        }
        // Always a row, known address or not: the lookup happens when it is sent, so this answer and its timing are the same.
        await outbox.AddSignInLinkAsync(email, ct);
        var minutes = (int)options.Value.SignInLinkLifetime.TotalMinutes;
        return Pages.Message(StatusCodes.Status200OK, "Check your email",
            $"If {email} belongs to a supporter, we have just sent a sign-in link to it. The link works once, within {minutes} minutes. "
            + "Nothing arrived? Check your spam folder, or try the address you used when you started giving.",
            "/account", "Back to sign-in");
    }

    private static async Task<IResult> ConfirmAsync(string token, HttpContext http, SignInLinks links, IAntiforgery af, CancellationToken ct) =>
        await links.CheckAsync(token, ct) == LinkState.Valid
            ? new RazorComponentResult<SignInConfirmPage>(new { Token = token, Guard = FormGuard.For(af, http) })
            : LinkProblem(http, af);

    private static async Task<IResult> SignInAsync(
        string token, [FromForm] AccountForm? form, HttpContext http, SignInLinks links, PromptCookie prompt, IAntiforgery af, CancellationToken ct)
    {
        var email = await links.ConsumeAsync(token, ct);
        if (email is null)
        {
            return LinkProblem(http, af);
        }
        await SupporterSession.SignInAsync(http, email);
        prompt.MarkSupporter(http.Response);
        return new SeeOther("/account?done=signedin");
    }

    /// <summary>410 Gone: the link was used, has expired or never existed; the page offers a new one.</summary>
    private static IResult LinkProblem(HttpContext http, IAntiforgery af) =>
        Form(FormGuard.For(af, http), null, null,
            "This sign-in link has expired or has already been used. Links work once, for a short time. Enter your email for a new one.",
            StatusCodes.Status410Gone);

    public static RazorComponentResult<SignInPage> Form(FormGuard guard, string? email, string? error, string? notice, int statusCode) =>
        new(new { Guard = guard, Email = Echo.Shortened(email), Error = error, Notice = notice }) { StatusCode = statusCode };
}
