namespace Support.Web.Articles;

/// <summary>Writes a cached article page with this view's token straight to the response: no rendering per request.</summary>
public sealed class ArticlePageResult(ArticlePageTemplate page, string? token) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var length = page.LengthWith(token);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = length;
        var writer = response.BodyWriter;
        writer.Advance(page.Write(writer.GetSpan(length), token));
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
