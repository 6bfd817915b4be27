using System.Net;
using System.Text.RegularExpressions;

namespace Support.Benchmarks.Scenarios.Reports;

/// <summary>A staff member signed in through <c>/staff/login</c> (the form's antiforgery token and the cookies), as a browser does.</summary>
public static partial class StaffSession
{
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var page = await http.GetStringAsync("staff/login");
        var token = TokenField().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The staff login page has no antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = email,
            ["Password"] = password,
        });
        using var response = await http.PostAsync("staff/login", form);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Staff sign-in answered {(int)response.StatusCode}, not 303.");
        }
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex TokenField();
}
