using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Support.Tests.Security.Walk;

/// <summary>
/// Makes the class of findings 1, 6, 7, 13, 14 and 16 impossible to bring back: every route the app maps (read from its
/// endpoint data source, so a new route is walked without being listed) gets hostile values in each form field,
/// query parameter and route value, all of them at once and twice over, wrong methods and wrong content types, from
/// an anonymous reader, a signed-in supporter (every route outside /staff) and a staff administrator (every /staff
/// route). No answer may be a 5xx; every refusal is a 4xx with words a person can read; a refused request writes
/// nothing; a redirect never leaves the site.
/// </summary>
public sealed class EndpointWalkTests(WalkAppFactory app, ITestOutputHelper output) : IClassFixture<WalkAppFactory>
{
    /// <summary>Hangfire's dashboard is one catch-all route with its own pages inside; these are the ones that take input.</summary>
    private static readonly string[] DashboardPages =
        ["jobs/details/", "jobs/enqueued/", "jobs/succeeded?from=", "jobs/failed?count=", "recurring?from=", "retries", "servers", "stats"];

    private static readonly string[] DashboardCommands =
        ["jobs/actions/requeue/", "jobs/actions/delete/", "recurring/trigger", "recurring/remove", "jobs/enqueued/delete", "jobs/scheduled/enqueue"];

    /// <summary>These end the visitor's session when accepted, so they are walked last.</summary>
    private static readonly string[] SessionEnders = ["/account/signout", "/account/delete", "/staff/logout"];


    [Theory]
    [InlineData(Visitor.Anonymous)]
    [InlineData(Visitor.Supporter)]
    [InlineData(Visitor.Admin)]
    public async Task Every_route_answers_hostile_input_with_a_4xx_and_a_message_and_stores_nothing(Visitor visitor)
    {
        var routes = RoutesFor(visitor);
        var walk = new Walk(app, visitor);
        var clock = Stopwatch.StartNew();

        var lasting = routes.Where(r => !SessionEnders.Contains(r.Template)).ToList();
        foreach (var route in lasting)
        {
            await WalkAsync(walk, visitor, route);
        }
        // The generated part: every input of a route filled at once with mixes of the hostile pieces and random text.
        var generated = Gen.Select(Gen.OneOf([.. lasting]), HostileValues.Mixed.Array[6])
            .Select((route, values) => Generated(route, values, route.AcceptsForm ? app.TokenFor(visitor, route.Template) : null));
        await generated.SampleAsync(walk.SendOrThrowAsync, iter: 400, threads: 1);
        foreach (var route in routes.Except(lasting))
        {
            await WalkAsync(walk, visitor, route);
        }

        output.WriteLine($"{visitor}: {routes.Count} routes, {walk.Sent} requests in {clock.Elapsed.TotalSeconds:F1} s; "
            + $"by status: {string.Join(", ", walk.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; "
            + $"{walk.RefusedByServer} refused by Kestrel before the app (no body: bad request line, URL too long)");
        Assert.True(walk.Failures.Count == 0, $"{walk.Failures.Count} of {walk.Sent} answers broke the rules:\n" + string.Join("\n", walk.Failures.Take(40)));
    }

    [Fact]
    public void The_walk_reaches_every_feature_of_the_app()
    {
        var walked = RoutesFor(Visitor.Anonymous).Select(r => r.Template).ToList();

        Assert.All(["/articles/{slug}", "/support/checkout", "/reminders", "/account/signin/{token}", "/staff/users/{id}/remove",
            "/staff/reports", "/staff/api/summary", "/stripe/webhook", "/staff/jobs/{**path}"], t => Assert.Contains(t, walked));
        Assert.DoesNotContain(walked, t => t.StartsWith("/stripe-emulator", StringComparison.Ordinal));
    }

    private async Task WalkAsync(Walk walk, Visitor visitor, MappedRoute route)
    {
        var token = route.AcceptsForm ? app.TokenFor(visitor, route.Template) : null;
        foreach (var probe in Probes.For(route, token, Baseline).Concat(DashboardProbes(route, token)))
        {
            await walk.SendAsync(probe);
        }
    }

    /// <summary>A field's value while another field is hostile: the supporter's own contribution, so the account forms reach their checks.</summary>
    private string Baseline(string field) =>
        field.Equals("contributionId", StringComparison.OrdinalIgnoreCase)
            ? app.ContributionId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "x";

    private List<MappedRoute> RoutesFor(Visitor visitor) =>
        MappedRoute.All(app.Services, "/stripe-emulator")
            .Where(route => visitor switch
            {
                // The supporter's cookie goes everywhere but /staff (reader pages behave differently for a supporter);
                // the staff cookie only to /staff (its path), so elsewhere an admin is an anonymous reader.
                Visitor.Supporter => !route.Template.StartsWith("/staff", StringComparison.Ordinal),
                Visitor.Admin => route.Template.StartsWith("/staff", StringComparison.Ordinal),
                _ => true,
            })
            .ToList();

    private static IEnumerable<Probe> DashboardProbes(MappedRoute route, string? token)
    {
        if (!route.Template.StartsWith("/staff/jobs/{**", StringComparison.Ordinal))
        {
            return [];
        }
        var values = HostileValues.All.Where(v => !v.Huge).ToList();
        string[] otherMethods = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
        // Hangfire's pages answer every method, and it reads every posted form itself: both get the odd ones too.
        var unreadable = new (string Type, string Body)[] { ("multipart/form-data", "5"), (Probes.FormType, "jobs[]=" + new string('9', 9_000)) };
        return DashboardPages.SelectMany(page => values.Select(v => new Probe("GET", $"/staff/jobs/{page}{v.Encoded}", null, null, $"dashboard {page} + {v}")))
            .Concat(DashboardPages.SelectMany(page => otherMethods.Select(m => new Probe(m, $"/staff/jobs/{page}%C3%A9", null, null, $"dashboard {page} with {m}"))))
            .Concat(DashboardCommands.Append("").SelectMany(command => unreadable.Select(u => new Probe("POST", $"/staff/jobs/{command}", u.Type, u.Body, $"dashboard {command} + unreadable {u.Type}"))))
            .Concat(DashboardCommands.SelectMany(command => values.Select(v =>
                Probes.WithForm(route, "POST", $"/staff/jobs/{command}{v.Encoded}", [("jobs[]", v.Encoded)], token, $"dashboard {command} + {v}"))));
    }

    private static Probe Generated(MappedRoute route, HostileValue[] values, string? token)
    {
        var method = Probes.UsualMethod(route);
        var i = 0;
        HostileValue Next() => values[i++ % values.Length];
        var routeValue = route.RouteValues.FirstOrDefault();
        var path = routeValue is null ? Probes.Path(route) : Probes.Path(route, routeValue.Name, Next().Encoded);
        var query = string.Join('&', route.QueryParameters.Select(q => $"{q}={Next().Encoded}"));
        var target = query.Length == 0 ? path : $"{path}?{query}";
        return method == "GET"
            ? new Probe(method, target, null, null, "generated mix")
            : Probes.WithForm(route, method, target, route.FormFields.Select(f => (f, Next().Encoded)), token, "generated mix");
    }
}
