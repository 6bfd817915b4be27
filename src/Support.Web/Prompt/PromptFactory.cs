using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Support.Web.Prompt;

/// <summary>Builds the prompt's model; whether a page shows it is <see cref="PromptGate"/>'s call.</summary>
public sealed class PromptFactory(IOptions<PromptOptions> options)
{
    private const int TokenBytes = 12;
    // 256 tokens per system call: a fill per article view cost half of the endpoint (docs/performance.md).
    private const int BufferedTokens = 256;

    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_used;

    public PromptOptions Options => options.Value;

    public PromptModel Create(string articleSlug, string returnUrl) =>
        new(articleSlug, returnUrl, options.Value.Placement, NewFormToken());

    /// <summary>
    /// A random token per rendered form; a double-submitted form reuses its Stripe idempotency key. The bytes come
    /// from the system's CSPRNG, drawn a few hundred tokens at a time into a buffer of this thread's own; each byte
    /// is handed out once and cleared.
    /// </summary>
    public static string NewFormToken()
    {
        var random = t_random ??= new byte[TokenBytes * BufferedTokens];
        if (t_used == 0)
        {
            RandomNumberGenerator.Fill(random);
        }
        var token = random.AsSpan(t_used, TokenBytes);
        var text = Convert.ToHexStringLower(token);
        token.Clear();
        t_used = (t_used + TokenBytes) % random.Length;
        return text;
    }
}
