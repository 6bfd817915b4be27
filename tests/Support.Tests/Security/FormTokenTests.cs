using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Staff;
using Support.Tests.Staff;

namespace Support.Tests.Security;

/// <summary>
/// Finding 2: every state-changing staff and account endpoint needs the antiforgery token, whether or not its
/// handler reads a form. A signed-in cookie alone (what a forged cross-site post carries) changes nothing.
/// </summary>
public sealed class FormTokenTests(VisitorsAppFactory app) : IClassFixture<VisitorsAppFactory>
{
    /// <summary>Every POST under /staff and /account, with who would normally send it.</summary>
    public static TheoryData<Visitor, string> Routes() => new()
    {
        { Visitor.Anonymous, "/staff/login" },
        { Visitor.Admin, "/staff/logout" },
        { Visitor.Admin, "/staff/users" },
        { Visitor.Admin, "/staff/users/{id}/remove" },
        { Visitor.Admin, "/staff/users/{id}/unlock" },
        { Visitor.Admin, "/staff/experiments" },
        { Visitor.Admin, "/staff/experiments/{id:long}/stop" },
        { Visitor.Admin, "/staff/experiments/{id:long}/winner" },
        { Visitor.Anonymous, "/account/signin" },
        { Visitor.Anonymous, "/account/signin/{token}" },
        { Visitor.Supporter, "/account/amount" },
        { Visitor.Supporter, "/account/cancel" },
        { Visitor.Supporter, "/account/resume" },
        { Visitor.Supporter, "/account/card" },
        { Visitor.Supporter, "/account/signout" },
        { Visitor.Supporter, "/account/delete" },
        { Visitor.Anonymous, "/account/card/{token}" },
        { Visitor.Anonymous, "/account/restart/{token}" },
        { Visitor.Supporter, "/account/update-card" },
        { Visitor.Supporter, "/account/restart" },
        { Visitor.Supporter, "/account/pause" },
        { Visitor.Supporter, "/account/pause/extend" },
        { Visitor.Supporter, "/account/pause/end" },
        { Visitor.Supporter, "/account/offer/accept" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_post_without_the_form_token_is_refused_with_a_message(Visitor visitor, string route)
    {
        var path = route.Replace("{id:long}", "1", StringComparison.Ordinal).Replace("{id}", "no-such-id", StringComparison.Ordinal).Replace("{token}", "no-such-token", StringComparison.Ordinal);

        var answer = await app.Browser(visitor).PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Matches("[A-Za-z]{4,} [A-Za-z]{2,}", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Every_state_changing_staff_and_account_route_is_in_the_list_above()
    {
        var listed = Routes().Select(row => (string)row[1]).ToHashSet();
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(r => (r.StartsWith("/staff/", StringComparison.Ordinal) || r.StartsWith("/account/", StringComparison.Ordinal))
                && !r.StartsWith("/staff/jobs", StringComparison.Ordinal)
                // The JSON API takes JSON bodies only (415 for a form), which a cross-site page cannot send.
                && !r.StartsWith("/staff/api/", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.All(mapped, route => Assert.Contains(route, listed));
    }

    [Fact]
    public async Task An_admins_cookie_alone_cannot_remove_a_staff_account()
    {
        var victim = $"victim-{Guid.NewGuid():N}@newsroom.example";
        await app.CreateAccountAsync(victim, StaffRoles.Staff);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == victim).Select(u => u.Id).SingleAsync());

        var answer = await app.Browser(Visitor.Admin).PostAsync($"/staff/users/{id}/remove", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Id == id)));
    }

    [Fact]
    public async Task A_staff_cookie_alone_cannot_sign_its_owner_out()
    {
        using var browser = await app.StaffBrowserAsync(StaffRoles.Staff);

        var answer = await browser.PostAsync("/staff/logout", content: null);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff/reports")).StatusCode);
    }

    [Fact]
    public async Task The_job_dashboard_refuses_posts_without_the_form_token()
    {
        var answer = await app.Browser(Visitor.Admin).PostAsync("/staff/jobs/recurring/trigger",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "supporter-email-sweep" }));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }
}
