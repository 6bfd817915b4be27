using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Support.Web.Shared;

namespace Support.Web.Reports;

/// <summary>
/// The deeper figures, apart from the fast summary: <c>/staff/reports/movements</c> (page, with a drill-down by
/// <c>month</c> and <c>kind</c>), <c>/staff/reports/movements.csv</c> and <c>/staff/api/movements</c>.
/// </summary>
public static class MovementEndpoints
{
    public static void MapMovements(RouteGroupBuilder reports, RouteGroupBuilder api)
    {
        reports.MapGet("/movements", PageAsync);
        reports.MapGet("/movements.csv", async ([AsParameters] ReportEndpoints.RangeQuery query, [AsParameters] Drill drill,
            MovementQueries movements, ReportExports exports, HttpContext context) =>
        {
            if (Parse(query, drill, context) is { Error: { } error })
            {
                return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
            var range = query.Parse(context)!;
            var (_, rows) = await movements.ComputeAsync(range, drill.Wants, context.RequestAborted);
            return exports.Movements(range, rows, context.RequestAborted);
        });
        api.MapGet("/movements", async Task<Results<Ok<MrrMovementReport>, ProblemHttpResult>> (
            [AsParameters] ReportEndpoints.RangeQuery query, MovementQueries movements, HttpContext context) =>
            query.Parse(context) is { } range
                ? TypedResults.Ok((await movements.ComputeAsync(range, rows: null, context.RequestAborted)).Report)
                : TypedResults.Problem(query.Error(context), statusCode: StatusCodes.Status400BadRequest, title: "Invalid report range"));
    }

    /// <summary>?month=2026-03&amp;kind=Expansion: which movement's contributions to list (both optional).</summary>
    public readonly record struct Drill([FromQuery] string? Month, [FromQuery] string? Kind)
    {
        /// <summary>By name only (any case): Enum.TryParse alone would also take "7" or "1,2".</summary>
        public MovementKind? ParsedKind => ByName(Kind);

        /// <summary>Whether a movement row of this month and kind is asked for (all rows without a month or kind).</summary>
        public bool Wants(string month, MovementKind kind) =>
            (string.IsNullOrWhiteSpace(Month) || month == Month) && (ParsedKind is not { } asked || kind == asked);

        private static MovementKind? ByName(string? name) => Enum.GetValues<MovementKind>()
            .Select(k => (MovementKind?)k).FirstOrDefault(k => k.ToString()!.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private sealed record Check(string? Error);

    private static Check Parse(ReportEndpoints.RangeQuery query, Drill drill, HttpContext context)
    {
        if (query.Parse(context) is null)
        {
            return new(query.Error(context));
        }
        if (!string.IsNullOrWhiteSpace(drill.Kind) && drill.ParsedKind is null)
        {
            return new($"kind must be one of {string.Join(", ", Enum.GetNames<MovementKind>())} (got {Text.Cut(drill.Kind, 40)}).");
        }
        if (!string.IsNullOrWhiteSpace(drill.Month) && !System.Text.RegularExpressions.Regex.IsMatch(drill.Month, "^[0-9]{4}-[0-9]{2}$"))
        {
            return new($"month must be a month like 2026-03 (got {Text.Cut(drill.Month, 40)}).");
        }
        return new((string?)null);
    }

    private static async Task<IResult> PageAsync([AsParameters] ReportEndpoints.RangeQuery query, [AsParameters] Drill drill,
        MovementQueries movements, HttpContext context)
    {
        if (Parse(query, drill, context) is { Error: { } error })
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "That report is not valid", error,
                "/staff/reports/movements", "Show the last 12 months");
        }
        // The page lists contributions only when a drill-down is asked for, so only then are the rows built.
        var drilling = !string.IsNullOrWhiteSpace(drill.Month) || drill.ParsedKind is not null;
        var (report, rows) = await movements.ComputeAsync(query.Parse(context)!, drilling ? drill.Wants : null, context.RequestAborted);
        var drilled = drilling ? rows : null;
        return new RazorComponentResult<MovementsPage>(new { Report = report, Drilled = drilled, DrillMonth = drill.Month, DrillKind = drill.ParsedKind });
    }
}
