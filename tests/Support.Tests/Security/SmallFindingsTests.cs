using System.Net;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Security;

/// <summary>
/// Finding 16: HEAD on pages, and the job dashboard's pages that Hangfire's SQLite storage cannot answer; also (found by
/// the black-box fuzz pass) other methods on those pages and forms Hangfire's own antiforgery check cannot read.
/// </summary>
public sealed class SmallFindingsTests(SupportAppFactory app) : IClassFixture<SupportAppFactory>
{
    [Theory]
    [InlineData(ReaderJourney.ArticlePath)]
    [InlineData("/")]
    public async Task HEAD_on_a_page_answers_like_GET_without_a_body(string path)
    {
        using var browser = app.CreateBrowserClient();

        var get = await browser.GetAsync(path);
        var head = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/staff/jobs/stats", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/staff/jobs/jobs/details/abc", HttpStatusCode.NotFound)]
    [InlineData("/staff/jobs/jobs/details/99999999999999999999", HttpStatusCode.NotFound)]
    [InlineData("/staff/jobs/jobs/details/3000000000", HttpStatusCode.NotFound)]
    public async Task The_job_dashboard_answers_odd_addresses_with_a_4xx(string path, HttpStatusCode expected)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var answer = await admin.GetAsync(path);

        Assert.Equal(expected, answer.StatusCode);
        Assert.Matches("[A-Za-z]{4,} [A-Za-z]{2,}", await answer.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task The_job_dashboard_answers_an_odd_job_id_with_404_whatever_the_method(string method)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var answer = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/staff/jobs/jobs/details/%C3%A9"));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("No such job", await answer.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/staff/jobs", "multipart/form-data", "5")]
    [InlineData("/staff/jobs/recurring/trigger", "multipart/form-data", "jobs[]=1")]
    [InlineData("/staff/jobs/recurring/trigger", "application/x-www-form-urlencoded", "jobs[]=LONG")]
    public async Task The_job_dashboard_refuses_a_form_it_cannot_read_with_400(string path, string contentType, string body)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var content = new StringContent(body.Replace("LONG", new string('9', 9_000), StringComparison.Ordinal));
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var answer = await admin.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("This form could not be read", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_job_dashboards_live_figures_refuse_a_body_that_is_not_a_form()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var answer = await admin.PostAsync("/staff/jobs/stats", new StringContent("{\"metrics\":[]}", System.Text.Encoding.UTF8, "application/json"));

        Assert.True((int)answer.StatusCode is >= 400 and < 500, $"{(int)answer.StatusCode}");
    }
}
