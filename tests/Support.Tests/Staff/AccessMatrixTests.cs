using System.Net;
using Support.Data.Staff;
using Support.Tests.Infrastructure;

namespace Support.Tests.Staff;

/// <summary>Who may open what under /staff: anonymous, a reader, a supporter, Staff and Admin against every route.</summary>
public sealed class AccessMatrixTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    public enum Who { Anonymous, Reader, Supporter, Staff, Admin }

    public static readonly string[] StaffRoutes =
        ["/staff/reports", "/staff/reports/supporters.csv", "/staff/reports/payments.csv", "/staff/experiments", "/staff/api/experiments"];
    public static readonly string[] AdminRoutes = ["/staff/users", "/staff/jobs", "/staff/jobs/recurring"];
    public const string ApiRoute = "/staff/api/summary";

    public static TheoryData<Who, string> Everyone() => Matrix(StaffRoutes.Concat(AdminRoutes).Append(ApiRoute));

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Each_person_gets_the_answer_their_role_allows(Who who, string route)
    {
        using var browser = await BrowserAsync(who);

        var answer = await browser.GetAsync(route);

        var expected = Expected(who, route);
        Assert.True(expected == answer.StatusCode, $"{who} {route}: expected {expected}, got {(int)answer.StatusCode}");
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Equal("/staff/login", answer.Headers.Location!.AbsolutePath);
            Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(route), answer.Headers.Location.Query);
        }
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("for administrators", await answer.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_staff_member_cannot_add_accounts_by_posting_directly()
    {
        using var browser = await app.StaffBrowserAsync(StaffRoles.Staff);

        var answer = await browser.PostFormAsync("/staff/users", new Dictionary<string, string> { ["Email"] = "x@y.example", ["Role"] = "Admin", ["Password"] = "Whatever-12345" });

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    private static HttpStatusCode Expected(Who who, string route) => who switch
    {
        Who.Anonymous or Who.Reader or Who.Supporter => route.StartsWith("/staff/api/", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect,
        Who.Staff => AdminRoutes.Contains(route) ? HttpStatusCode.Forbidden : HttpStatusCode.OK,
        _ => HttpStatusCode.OK,
    };

    private async Task<HttpClient> BrowserAsync(Who who) => who switch
    {
        Who.Anonymous => app.CreateBrowserClient(),
        Who.Reader => await app.ReaderBrowserAsync(),
        Who.Supporter => app.SupporterBrowser(),
        Who.Staff => await app.StaffBrowserAsync(StaffRoles.Staff),
        _ => await app.StaffBrowserAsync(StaffRoles.Admin),
    };

    private static TheoryData<Who, string> Matrix(IEnumerable<string> routes)
    {
        var data = new TheoryData<Who, string>();
        foreach (var route in routes)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(who, route);
            }
        }
        return data;
    }
}
