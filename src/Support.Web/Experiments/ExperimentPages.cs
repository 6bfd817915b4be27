using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Web.Shared;
using Support.Web.Staff;
using Support.Web.Stripe;

namespace Support.Web.Experiments;

/// <summary>The staff pages: the list and the new-experiment form, and each experiment's results with its actions.</summary>
public static class ExperimentPages
{
    public const int VariantSlots = 4;

    public static IEndpointRouteBuilder MapExperimentPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/staff/experiments").RequireAuthorization(StaffPolicies.Staff).RequireFormToken();
        group.MapGet("/", async (ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
            await ListAsync(store, db, stripe.Value.Currency, null, [], StatusCodes.Status200OK, ct));
        group.MapGet("/{id:long}", async (long id, ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
            await ResultAsync(id, store, db, stripe.Value.Currency, null, ct));

        var admin = group.MapGroup("/").RequireAuthorization(StaffPolicies.Admin);
        admin.MapPost("/", async (HttpRequest request, ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            var draft = DraftFrom(form);
            var change = await store.CreateAsync(draft, ct);
            return change.Experiment is { } created
                ? new SeeOther($"/staff/experiments/{created.Id}")
                : await ListAsync(store, db, stripe.Value.Currency, draft, change.Errors, StatusCodes.Status422UnprocessableEntity, ct);
        });
        admin.MapPost("/{id:long}/stop", async (long id, ExperimentStore store, SupportDbContext db, IOptions<StripeOptions> stripe, CancellationToken ct) =>
            Answer(id, await store.StopAsync(id, ct)) ?? await ResultAsync(id, store, db, stripe.Value.Currency, null, ct));
        admin.MapPost("/{id:long}/winner", async (long id, HttpRequest request, ExperimentStore store, SupportDbContext db,
            IOptions<StripeOptions> stripe, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            if (!long.TryParse(form["variantId"], NumberStyles.None, CultureInfo.InvariantCulture, out var variantId))
            {
                return await ResultAsync(id, store, db, stripe.Value.Currency, "Choose the winning variant.", ct);
            }
            var change = await store.DeclareWinnerAsync(id, variantId, ct);
            return Answer(id, change) ?? await ResultAsync(id, store, db, stripe.Value.Currency, string.Join(" ", change.Errors), ct);
        });
        return app;
    }

    /// <summary>Back to the results after a change; null when the change was refused (the page shows why).</summary>
    private static SeeOther? Answer(long id, ExperimentChange change) =>
        change.Experiment is null ? null : new SeeOther($"/staff/experiments/{id}");

    private static async Task<IResult> ListAsync(ExperimentStore store, SupportDbContext db, string currency,
        ExperimentDraft? draft, IReadOnlyList<string> errors, int statusCode, CancellationToken ct)
    {
        var results = await ExperimentEndpoints.ResultsAsync(db, await store.ListAsync(ct), currency, ct);
        return new RazorComponentResult<ExperimentsPage>(new { Experiments = results, Draft = draft, Errors = errors }) { StatusCode = statusCode };
    }

    private static async Task<IResult> ResultAsync(long id, ExperimentStore store, SupportDbContext db, string currency, string? error, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } experiment)
        {
            return Pages.NotFound("There is no such experiment", "It may have been mistyped; the list shows every experiment.");
        }
        var result = (await ExperimentEndpoints.ResultsAsync(db, [experiment], currency, ct))[0];
        return new RazorComponentResult<ExperimentPage>(new { Result = result, Error = error })
        {
            StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity,
        };
    }

    /// <summary>The form's fields: Name, Articles (slugs, comma-separated), Mode, and per slot v0…v3 the variant's fields.</summary>
    public static ExperimentDraft DraftFrom(IFormCollection form)
    {
        var variants = new List<VariantDraft>();
        for (var i = 0; i < VariantSlots; i++)
        {
            string? Field(string name) => form[$"v{i}.{name}"].ToString() is { Length: > 0 } value ? value : null;
            var variant = new VariantDraft
            {
                Name = Field("Name"),
                Weight = int.TryParse(Field("Weight"), NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : Field("Weight") is null ? null : 0,
                Heading = Field("Heading"),
                Appeal = Field("Appeal")?.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                PresetAmountsCents = Field("Presets") is { } presets ? ParseAmounts(presets) : null,
                ButtonText = Field("ButtonText"),
                Placement = Field("Placement"),
            };
            // Slots 3 and 4 are optional: an untouched slot is no variant.
            if (i < 2 || variant.Name is not null || variant.Heading is not null || variant.Appeal is not null
                || variant.PresetAmountsCents is not null || variant.ButtonText is not null)
            {
                variants.Add(variant);
            }
        }
        return new ExperimentDraft
        {
            Name = form["Name"],
            Articles = [.. form["Articles"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Mode = form["Mode"],
            Variants = variants,
        };
    }

    /// <summary>"2, 5, 10.50" in major units → minor units; an unreadable entry becomes -1 (refused by validation).</summary>
    private static List<long> ParseAmounts(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => decimal.TryParse(a, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major) && major * 100 == decimal.Truncate(major * 100)
                ? (long)(major * 100) : -1)];
}
