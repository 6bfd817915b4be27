using System.Globalization;
using Support.Web.Shared;

namespace Support.Web.Staff;

/// <summary>
/// Addresses in front of Hangfire's dashboard that it answers with a 500: job ids its SQLite storage cannot
/// parse as an int (with any method: its pages answer every method), and its live-figures endpoint (a form POST)
/// asked with another method. Mapped as more specific routes than the dashboard's catch-all, so they are matched
/// first. And <see cref="WithReadableForms"/> on the dashboard itself: Hangfire checks antiforgery on every post and
/// lets a form that cannot be read (a multipart type without a boundary, a value over the limit) escape as a 500.
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
        group.Map("/jobs/details/{id:" + NotAJobIdConstraint.Name + "}", NoSuchJob);
        group.MapMethods("/jobs/actions/{action}/{id:" + NotAJobIdConstraint.Name + "}", [HttpMethods.Post], NoSuchJob).DisableAntiforgery();
        group.MapMethods("/stats", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options, HttpMethods.Trace], () =>
            Pages.Message(StatusCodes.Status405MethodNotAllowed, "Not a page",
                "This address feeds the dashboard's live figures; open the dashboard instead.", Prefix, "Open the job dashboard"));
        return app;
    }

    /// <summary>Reads a posted form before the dashboard does, so one that cannot be read gets a 4xx with a message.</summary>
    public static TBuilder WithReadableForms<TBuilder>(this TBuilder dashboard) where TBuilder : IEndpointConventionBuilder
    {
        dashboard.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = async context =>
            {
                if (context.Request.HasFormContentType && await UnreadableFormAsync(context) is { } refusal)
                {
                    await refusal.ExecuteAsync(context);
                    return;
                }
                await inner(context);
            };
        });
        return dashboard;
    }

    private static async Task<IResult?> UnreadableFormAsync(HttpContext context)
    {
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            return Pages.Message(status, "This form could not be read",
                "The dashboard only takes the short forms its own pages send. Nothing was changed.", Prefix, "Back to the job dashboard");
        }
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
