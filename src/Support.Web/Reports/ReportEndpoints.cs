using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Data.Supporters;
using Support.Web.Prompt;
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
        builder.Services.AddScoped<MovementQueries>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/staff/reports").RequireAuthorization(StaffPolicies.Staff);
        reports.MapGet("/", PageAsync);
        reports.MapGet("/supporters.csv", async ([AsParameters] RangeQuery query, [FromQuery] string? frequency, ReportExports exports, HttpContext context) =>
            query.Parse(context) is not { } range ? BadCsvRange(query.Error(context))
            : Frequency(frequency) is { Error: { } error } ? BadCsvRange(error)
            : await exports.SupportersAsync(range, Frequency(frequency).Value, context.RequestAborted));
        reports.MapGet("/payments.csv", async ([AsParameters] RangeQuery query, [FromQuery] string? frequency, ReportExports exports, HttpContext context) =>
            query.Parse(context) is not { } range ? BadCsvRange(query.Error(context))
            : Frequency(frequency) is { Error: { } error } ? BadCsvRange(error)
            : await exports.PaymentsAsync(range, Frequency(frequency).Value, context.RequestAborted));

        var api = app.MapGroup("/staff/api").RequireAuthorization(StaffPolicies.Staff);
        MovementEndpoints.MapMovements(reports, api);
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

    private static IResult BadCsvRange(string error) =>
        Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>?frequency=month|year|once for the exports; absent or empty means every frequency.</summary>
    private static FrequencyFilter Frequency(string? value) =>
        string.IsNullOrWhiteSpace(value) ? new(null, null)
        : GiftFrequencies.Parse(value) is { } parsed ? new(parsed, null)
        : new(null, $"frequency must be month, year or once (got {Text.Cut(value.Trim(), 40)}).");

    private sealed record FrequencyFilter(GiftFrequency? Value, string? Error);
}
