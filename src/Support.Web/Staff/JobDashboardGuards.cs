using System.Globalization;
using Support.Web.Shared;

namespace Support.Web.Staff;

/// <summary>
/// Addresses in front of Hangfire's dashboard that it answers with a 500: job ids its SQLite storage cannot
/// parse as an int, and its live-figures endpoint (a form POST) asked with another method. Mapped as more
/// specific routes than the dashboard's catch-all, so they are matched first.
/// </summary>
public static class JobDashboardGuards
{
    public const string Prefix = "/staff/jobs";

    public static WebApplicationBuilder AddJobDashboardGuards(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RouteOptions>(o => o.SetParameterPolicy<NotAJobIdConstraint>(NotAJobIdConstraint.Name));
        return builder;
    }

    public static IEndpointRouteBuilder MapJobDashboardGuards(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization(StaffPolicies.Admin);
        group.MapMethods("/jobs/details/{id:" + NotAJobIdConstraint.Name + "}", [HttpMethods.Get, HttpMethods.Head], NoSuchJob);
        group.MapMethods("/jobs/actions/{action}/{id:" + NotAJobIdConstraint.Name + "}", [HttpMethods.Post], NoSuchJob).DisableAntiforgery();
        group.MapMethods("/stats", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options, HttpMethods.Trace], () =>
            Pages.Message(StatusCodes.Status405MethodNotAllowed, "Not a page",
                "This address feeds the dashboard's live figures; open the dashboard instead.", Prefix, "Open the job dashboard"));
        return app;
    }

    private static IResult NoSuchJob() => Pages.Message(StatusCodes.Status404NotFound, "No such job",
        "Job numbers are whole numbers; this one cannot belong to any job.", Prefix, "Back to the job dashboard");

    /// <summary>Matches the ids the dashboard cannot look up: anything but an int.</summary>
    private sealed class NotAJobIdConstraint : IRouteConstraint
    {
        public const string Name = "notajobid";

        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value)
            && !int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }
}
