using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Support.Tests.Security.Walk;

/// <summary>One hostile request, made afresh for each send (a request's content can be sent once).</summary>
public sealed record Probe(string Method, string PathAndQuery, string? ContentType, string? Body, string What)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        // As curl sends large bodies, so a refusal before the body is read arrives as an answer, not a reset.
        request.Headers.ExpectContinue = Body is { Length: > 65_536 };
        return request;
    }

    public override string ToString() =>
        $"{Method} {Shorten(PathAndQuery)} {(Body is null ? "" : $"[{ContentType}] {Shorten(Body)}")} ({What})";

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + $"…({text.Length} chars)" : text;
}

/// <summary>Builds the probes for a route: each input with each hostile value, all at once, twice over, wrong methods and content types.</summary>
public static class Probes
{
    public const string FormType = "application/x-www-form-urlencoded";
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

    public static string Path(MappedRoute route, string? parameter = null, string? encoded = null) =>
        "/" + string.Join('/', route.Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart p when p.Name == parameter => encoded!,
            RoutePatternParameterPart p when p.IsCatchAll => "",
            RoutePatternParameterPart => "x",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    /// <summary>The method a route is normally used with: GET when it has one, else its first.</summary>
    public static string UsualMethod(MappedRoute route) =>
        route.AnyMethod || route.Methods.Contains("GET") ? "GET" : route.Methods.First();

    public static Probe WithForm(MappedRoute route, string method, string path, IEnumerable<(string Key, string Encoded)> fields, string? token, string what)
    {
        var pairs = fields.Select(f => HostileValues.Encode(f.Key) + "=" + f.Encoded);
        if (token is not null)
        {
            pairs = pairs.Append("__RequestVerificationToken=" + HostileValues.Encode(token));
        }
        return new Probe(method, path, FormType, string.Join('&', pairs), what);
    }

    /// <summary>
    /// The deterministic part: every input of the route with every value in <see cref="HostileValues.All"/>, the other
    /// fields at their <paramref name="baseline"/> (so a hostile value gets past "this field is required").
    /// </summary>
    public static IEnumerable<Probe> For(MappedRoute route, string? token, Func<string, string> baseline)
    {
        var method = UsualMethod(route);
        var posting = method != "GET";
        var formFields = posting ? route.FormFields : [];
        yield return posting ? WithForm(route, method, Path(route), [], token, "no fields") : new Probe(method, Path(route), null, null, "as is");
        foreach (var value in HostileValues.All)
        {
            foreach (var part in route.RouteValues.Where(_ => !value.Huge))
            {
                var path = Path(route, part.Name, part.IsCatchAll ? value.Encoded.Replace("%2F", "/", StringComparison.Ordinal) : value.Encoded);
                yield return posting ? WithForm(route, method, path, [], token, $"route {part.Name} = {value}") : new Probe(method, path, null, null, $"route {part.Name} = {value}");
            }
            foreach (var query in route.QueryParameters.Where(_ => !value.Huge))
            {
                yield return new Probe(method, $"{Path(route)}?{query}={value.Encoded}", posting ? FormType : null, posting ? "" : null, $"query {query} = {value}");
                if (route.QueryParameters.Count > 1)
                {
                    var others = string.Join('&', route.QueryParameters.Select(q => $"{q}={(q == query ? value.Encoded : "x")}"));
                    yield return new Probe(method, $"{Path(route)}?{others}", posting ? FormType : null, posting ? "" : null, $"query {query} = {value}, the others x");
                }
            }
            foreach (var field in formFields)
            {
                // The other fields filled in, so the value gets past "this field is required" to the code that uses it.
                var fields = formFields.Select(f => (f, f == field ? value.Encoded : baseline(f)));
                yield return WithForm(route, method, Path(route), fields, token, $"form {field} = {value}");
            }
        }
        if (formFields.Count > 0)
        {
            yield return WithForm(route, method, Path(route), formFields.SelectMany(f => new[] { (f, "a"), (f, HostileValues.Encode("<b>")) }), token, "every field twice");
            yield return WithForm(route, method, Path(route), [("a[b]", "1"), ("a[]", "2"), ("__proto__", "1")], token, "unexpected fields");
            yield return WithForm(route, method, Path(route), formFields.Select(f => (f, "x")), null, "without the form token");
            foreach (var probe in WrongContent(route, method, formFields, token))
            {
                yield return probe;
            }
        }
        if (route.QueryParameters.Count > 0)
        {
            var twice = string.Join('&', route.QueryParameters.SelectMany(q => new[] { $"{q}=a", $"{q}=%3Cb%3E" }));
            yield return new Probe(method, $"{Path(route)}?{twice}", posting ? FormType : null, posting ? "" : null, "every query parameter twice");
        }
        foreach (var wrong in route.AnyMethod ? [] : Methods.Where(m => !route.Methods.Contains(m)))
        {
            yield return new Probe(wrong, Path(route), null, null, "a method the route does not map");
        }
    }

    private static IEnumerable<Probe> WrongContent(MappedRoute route, string method, IReadOnlyList<string> fields, string? token)
    {
        var path = Path(route);
        var json = "{" + string.Join(',', fields.Select(f => $"\"{f}\":1")) + "}";
        yield return new Probe(method, path, "application/json", json, "JSON instead of a form");
        yield return new Probe(method, path, "text/plain", "hello", "plain text instead of a form");
        yield return new Probe(method, path, "application/xml", "<a/>", "XML instead of a form");
        yield return new Probe(method, path, null, "x=1", "a body without a content type");
        yield return new Probe(method, path, FormType + "; charset=utf-7", "x=%2B", "a form in an unknown charset");
        yield return new Probe(method, path, FormType, "%%%&&==&=&" + new string('&', 2_000), "a form that does not parse");
        yield return new Probe(method, path, "multipart/form-data; boundary=zz",
            "--zz\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n" + token + "\r\n--zz\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"../../x.exe\"\r\nContent-Type: application/octet-stream\r\n\r\nMZ\0\0\r\n--zz--\r\n",
            "a multipart upload");
        yield return new Probe(method, path, "multipart/form-data", "--x\r\n", "a multipart body without a boundary");
    }
}
