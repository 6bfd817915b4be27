using Microsoft.Extensions.Options;

namespace Support.Web.Prompt;

/// <summary>Builds the prompt's model; whether a page shows it is <see cref="PromptGate"/>'s call.</summary>
public sealed class PromptFactory(IOptions<PromptOptions> options)
{
    public PromptOptions Options => options.Value;

    public PromptModel Create(string articleSlug, string returnUrl) =>
        new(articleSlug, returnUrl, options.Value.Placement, NewFormToken());

    /// <summary>A random token per rendered form; a double-submitted form reuses its Stripe idempotency key.</summary>
    public static string NewFormToken()
    {
        Span<byte> random = stackalloc byte[12];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }
}
