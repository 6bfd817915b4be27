using Microsoft.Net.Http.Headers;

namespace Support.Web.Hosting;

/// <summary>
/// Forms are read as UTF-8 (what browsers send for UTF-8 pages): a form declaring another charset is refused with
/// 415 before anything reads it. The framework's form reader throws on some charsets (UTF-7, which .NET disables),
/// which would otherwise surface as a 500.
/// </summary>
public static class Utf8Forms
{
    public static IApplicationBuilder UseUtf8Forms(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        // ContentType first: HasFormContentType creates the form feature, which a GET never needs.
        if (request.ContentType is not null && request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.Charset is { Length: > 0 } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("Send the form in UTF-8, as a web browser does (no other character set is read).");
        }
        return next(context);
    });
}
