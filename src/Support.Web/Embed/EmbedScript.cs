using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Support.Web.Embed;

/// <summary>
/// <c>embed.js</c> (this folder, an embedded resource), read once: its content hash is the ETag and names the
/// immutable URL <c>/embed/{hash}.js</c>. The plain <c>/embed.js</c> that publishers paste is cached for a day and
/// revalidated by ETag, so a new release reaches every page within a day.
/// </summary>
public sealed class EmbedScript
{
    private static readonly TimeSpan PlainLifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan HashedLifetime = TimeSpan.FromDays(365);
    private readonly byte[] _bytes;

    public EmbedScript()
    {
        using var stream = typeof(EmbedScript).Assembly.GetManifestResourceStream("Support.Web.Embed.embed.js")
            ?? throw new InvalidOperationException("embed.js is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        _bytes = copy.ToArray();
        Hash = Convert.ToHexStringLower(SHA256.HashData(_bytes))[..16];
    }

    public string Hash { get; }

    public IResult Serve(HttpContext http, bool immutable)
    {
        var etag = $"\"{Hash}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = immutable
            ? $"public, max-age={(int)HashedLifetime.TotalSeconds}, immutable"
            : $"public, max-age={(int)PlainLifetime.TotalSeconds}, stale-while-revalidate={(int)PlainLifetime.TotalSeconds}";
        // Any page may load the script; only the prompt's JSON is limited to Embed:AllowedOrigins.
        headers[HeaderNames.AccessControlAllowOrigin] = "*";
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(_bytes, "text/javascript; charset=utf-8");
    }
}
