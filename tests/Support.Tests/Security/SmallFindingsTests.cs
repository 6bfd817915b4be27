using System.Net;
using Support.Data.Staff;
using Support.Tests.Infrastructure;
using Support.Tests.Staff;

namespace Support.Tests.Security;

/// <summary>Finding 16: HEAD on pages, and the job dashboard's pages that Hangfire's SQLite storage cannot answer.</summary>
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

    [Fact]
    public async Task The_job_dashboards_live_figures_refuse_a_body_that_is_not_a_form()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var answer = await admin.PostAsync("/staff/jobs/stats", new StringContent("{\"metrics\":[]}", System.Text.Encoding.UTF8, "application/json"));

        Assert.True((int)answer.StatusCode is >= 400 and < 500, $"{(int)answer.StatusCode}");
    }
}
