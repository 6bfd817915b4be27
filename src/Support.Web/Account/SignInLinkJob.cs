using Hangfire;
using Microsoft.Extensions.Options;
using Support.Web.Email;
using Support.Web.Prompt;
using Support.Web.Supporters.Emails;

namespace Support.Web.Account;

/// <summary>
/// Looks the email up and, if it belongs to a supporter, emails a sign-in link. Done in a job for every request,
/// known address or not, so the page answers the same way and in the same time either way.
/// </summary>
public sealed class SignInLinkJob(
    SignInLinks links,
    IEmailSender sender,
    SupporterEmailBuilder messages,
    IOptions<SiteOptions> site,
    IOptions<PromptOptions> prompt,
    IOptions<AccountOptions> options,
    ILogger<SignInLinkJob> logger)
{
    // A retry issues a fresh link; an unused one simply expires.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task SendAsync(string email, CancellationToken ct)
    {
        var token = await links.IssueAsync(email, ct);
        if (token is null)
        {
            logger.LogInformation("Sign-in link asked for an address that belongs to no supporter; nothing sent");
            return;
        }
        var minutes = (int)options.Value.SignInLinkLifetime.TotalMinutes;
        var publisher = prompt.Value.Publisher;
        await sender.SendAsync(messages.Compose(email, $"Sign in to your {publisher} account",
        [
            "Hello,",
            $"Use the link below to sign in and manage your monthly support. It works once, within {minutes} minutes.",
            "If you did not ask for it, you can ignore this email: nobody can sign in without the link.",
        ], "Sign in", site.Value.Link($"/account/signin/{token}")), ct);
        logger.LogInformation("Sign-in link sent");
    }
}
