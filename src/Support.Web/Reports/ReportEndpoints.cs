using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Web.Shared;
using Support.Web.Staff;
using Support.Web.Stripe;

namespace Support.Web.Reports;

public static class ReportEndpoints
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ReportQueries>();
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<ReportSummaryCache>();
        builder.Services.AddScoped<ReportExports>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/staff/reports").RequireAuthorization(StaffPolicies.Staff);
        reports.MapGet("/", PageAsync);
        reports.MapGet("/supporters.csv", async ([AsParameters] RangeQuery query, ReportExports exports, HttpContext context) =>
            query.Parse(context) is { } range ? await exports.SupportersAsync(range, context.RequestAborted) : BadCsvRange(query, context));
        reports.MapGet("/payments.csv", async ([AsParameters] RangeQuery query, ReportExports exports, HttpContext context) =>
            query.Parse(context) is { } range ? await exports.PaymentsAsync(range, context.RequestAborted) : BadCsvRange(query, context));

        var api = app.MapGroup("/staff/api").RequireAuthorization(StaffPolicies.Staff);
        api.MapGet("/summary", async Task<Results<Ok<ReportSummary>, ProblemHttpResult>> (
            [AsParameters] RangeQuery query, ReportSummaryCache summaries, HttpContext context) =>
            query.Parse(context) is { } range
                ? TypedResults.Ok(await summaries.GetAsync(range, context.RequestAborted))
                : TypedResults.Problem(query.Error(context), statusCode: StatusCodes.Status400BadRequest, title: "Invalid report range"));
        return app;
    }

    /// <summary>?from=2026-01&amp;to=2026-12&amp;currency=usd, shared by the page, the exports and the API.</summary>
    public readonly record struct RangeQuery([FromQuery] string? From, [FromQuery] string? To, [FromQuery] string? Currency)
    {
        public ReportRange? Parse(HttpContext context) => Result(context).Range;

        public string Error(HttpContext context) => Result(context).Error ?? "";

        private (ReportRange? Range, string? Error) Result(HttpContext context) =>
            ReportRange.Parse(From, To, Currency, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                context.RequestServices.GetRequiredService<IOptions<StripeOptions>>().Value.Currency);
    }

    private static async Task<IResult> PageAsync([AsParameters] RangeQuery query, ReportSummaryCache summaries, HttpContext context)
    {
        if (query.Parse(context) is not { } range)
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "That report range is not valid", query.Error(context),
                "/staff/reports", "Show the last 12 months");
        }
        var summary = await summaries.GetAsync(range, context.RequestAborted);
        return new RazorComponentResult<ReportsPage>(new { Summary = summary });
    }

    private static IResult BadCsvRange(RangeQuery query, HttpContext context) =>
        Results.Text(query.Error(context), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
