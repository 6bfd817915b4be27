using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Experiments;
using Support.Web.Staff;
using Support.Web.Stripe;

namespace Support.Web.Experiments;

/// <summary>The JSON API for scripts: Staff read, Admins create, stop and settle (pages: <see cref="ExperimentPages"/>).</summary>
public static class ExperimentEndpoints
{
    public static WebApplicationBuilder AddExperiments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExperimentOptions>().BindConfiguration(ExperimentOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ExperimentRegistry>();
        builder.Services.AddSingleton<ExperimentCounter>();
        builder.Services.AddSingleton<ExperimentSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExperimentSync>());
        builder.Services.AddScoped<ExperimentStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapExperiments(this IEndpointRouteBuilder app)
    {
        app.MapExperimentPages();
        var read = app.MapGroup("/staff/api/experiments").RequireAuthorization(StaffPolicies.Staff);
        read.MapGet("/", async (ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
        {
            var experiments = await store.ListAsync(ct);
            return TypedResults.Ok(await ResultsAsync(db, experiments, stripe.Value.Currency, ct));
        });
        read.MapGet("/{id:long}", async Task<Results<Ok<ExperimentResult>, ProblemHttpResult>> (
            long id, ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } experiment
                ? TypedResults.Ok((await ResultsAsync(db, [experiment], stripe.Value.Currency, ct))[0])
                : NotFound());

        // JSON bodies only: a cross-site form cannot send them, and the staff cookie is SameSite=Strict.
        var write = app.MapGroup("/staff/api/experiments").RequireAuthorization(StaffPolicies.Admin);
        write.MapPost("/", async (HttpRequest request, ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
        {
            var (draft, problem) = await ReadAsync<ExperimentDraft>(request, ct);
            if (draft is null)
            {
                return problem!;
            }
            var change = await store.CreateAsync(draft, ct);
            return await AnswerAsync(change, db, stripe.Value.Currency, ct);
        });
        write.MapPost("/{id:long}/stop", async (long id, ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
            await AnswerAsync(await store.StopAsync(id, ct), db, stripe.Value.Currency, ct));
        write.MapPost("/{id:long}/winner", async (long id, HttpRequest request, ExperimentStore store, SupportDbContext db,
            IOptions<StripeOptions> stripe, CancellationToken ct) =>
        {
            var (body, problem) = await ReadAsync<WinnerRequest>(request, ct);
            if (body is null)
            {
                return problem!;
            }
            return body.VariantId is { } variantId
                ? await AnswerAsync(await store.DeclareWinnerAsync(id, variantId, ct), db, stripe.Value.Currency, ct)
                : TypedResults.Problem("Name the winning variant: {\"variantId\": 12}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        });
        return app;
    }

    public sealed record WinnerRequest(long? VariantId);

    public static async Task<List<ExperimentResult>> ResultsAsync(
        SupportDbContext db, IReadOnlyList<Experiment> experiments, string currency, CancellationToken ct)
    {
        var outcomes = await ExperimentOutcomes.ForAsync(db, [.. experiments.SelectMany(e => e.Variants).Select(v => v.Id)], currency, ct);
        return [.. experiments.Select(e => ExperimentResults.Build(e, outcomes, currency))];
    }

    private static async Task<IResult> AnswerAsync(ExperimentChange change, SupportDbContext db, string currency, CancellationToken ct)
    {
        if (change.Experiment is not { } experiment)
        {
            return change.StatusCode == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["experiment"] = [.. change.Errors] },
                    detail: string.Join(" ", change.Errors), title: "The experiment is not valid")
                : TypedResults.Problem(string.Join(" ", change.Errors), statusCode: change.StatusCode);
        }
        var result = (await ResultsAsync(db, [experiment], currency, ct))[0];
        return change.StatusCode == StatusCodes.Status201Created
            ? TypedResults.Created($"/staff/api/experiments/{experiment.Id}", result)
            : TypedResults.Ok(result);
    }

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("Send a JSON body with Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON expected"));
        }
        try
        {
            return await request.ReadFromJsonAsync<T>(ct) is { } body
                ? (body, null)
                : (null, TypedResults.Problem("The body is empty.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON"));
        }
        catch (JsonException e)
        {
            return (null, TypedResults.Problem($"The body is not valid JSON for this request: {e.Message}",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON"));
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("There is no such experiment.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
