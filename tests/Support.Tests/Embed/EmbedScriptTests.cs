using System.IO.Compression;
using System.Net;

namespace Support.Tests.Embed;

public sealed class EmbedScriptTests(EmbedApp app) : IClassFixture<EmbedApp>
{
    [Fact]
    public async Task Embed_script_is_javascript_cached_for_a_day_and_revalidated_by_its_etag()
    {
        using var client = app.CookielessClient();

        var answer = await client.GetAsync("/embed.js");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/javascript", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(1), answer.Headers.CacheControl?.MaxAge);
        Assert.True(answer.Headers.CacheControl?.Public);
        var etag = answer.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, "/embed.js");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_content_hashed_script_url_is_immutable_for_a_year()
    {
        using var client = app.CookielessClient();
        var etag = (await client.GetAsync("/embed.js")).Headers.ETag!.Tag.Trim('"');

        var answer = await client.GetAsync($"/embed/{etag}.js");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), answer.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", answer.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/embed/0000000000000000.js")).StatusCode);
    }

    [Fact]
    public async Task Embed_script_stays_under_15_kilobytes_compressed()
    {
        using var client = app.CookielessClient();
        var bytes = await client.GetByteArrayAsync("/embed.js");

        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(bytes);
        }

        Assert.InRange(compressed.Length, 1, 15 * 1024);
    }
}
