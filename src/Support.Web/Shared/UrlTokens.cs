using System.Buffers.Text;
using System.Security.Cryptography;

namespace Support.Web.Shared;

/// <summary>Random tokens carried in links (sign-in, unsubscribe, reminder changes) and cookies: base64url, no padding.</summary>
public static class UrlTokens
{
    /// <summary>Our tokens are 32 to 43 characters; anything much longer is not ours and is not worth a query.</summary>
    public const int MaxLength = 64;

    /// <summary>32 random bytes by default: unguessable, and safe in a URL path.</summary>
    public static string New(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>False for a value too long to be one of ours, so it is refused without a database round trip.</summary>
    public static bool CouldBeOurs(string token) => token.Length <= MaxLength;
}
