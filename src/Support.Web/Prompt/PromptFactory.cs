using Microsoft.Extensions.Options;

namespace Support.Web.Prompt;

/// <summary>Decides whether a page shows the prompt, and builds its model.</summary>
public sealed class PromptFactory(PromptCookie cookie, IOptions<PromptOptions> options)
{
    /// <summary>The prompt for a page view, or null when this browser should not see it.</summary>
    public PromptModel? ForPageView(HttpRequest request, string articleSlug, string returnUrl) =>
        cookie.ShouldShow(request) ? Create(articleSlug, returnUrl) : null;

    public PromptModel Create(string articleSlug, string returnUrl) =>
        new(articleSlug, returnUrl, options.Value.Placement, NewFormToken());

    /// <summary>A random token per rendered form; a double-submitted form reuses its Stripe idempotency key.</summary>
    private static string NewFormToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
}
