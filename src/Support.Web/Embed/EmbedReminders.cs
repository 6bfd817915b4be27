using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Support.Web.Experiments;
using Support.Web.Prompt;
using Support.Web.Reminders;

namespace Support.Web.Embed;

/// <summary>
/// "Remind me later" inside the embedded prompt: the reminder form as markup, and its post. The post passes the same
/// Origin guard, rate limit, check (<see cref="ReminderForm.Check"/>) and write (<see cref="ReminderSignup"/>) as
/// Support's own form; the prompt's state comes back hidden until the chosen time, in the token and the cookie.
/// </summary>
public static class EmbedReminders
{
    public static RouteGroupBuilder MapEmbedReminders(this RouteGroupBuilder group)
    {
        group.MapGet("/reminder", FormAsync);
        // Anonymous readers, no antiforgery (ADR 0011): the Origin guard admits Embed:AllowedOrigins only.
        group.MapPost("/reminder", SignUpAsync).DisableAntiforgery().RequireRateLimiting(ReminderExtensions.SignupRateLimit);
        return group;
    }

    /// <summary>The form, opened by the prompt's "Remind me later" link; the click counts for the variant shown, as on Support's pages.</summary>
    private static async Task<IResult> FormAsync(
        HttpContext http,
        [FromQuery] string? url,
        [FromQuery] string? variant,
        IOptions<EmbedOptions> embed,
        ReminderSchedule schedule,
        ExperimentRegistry experiments,
        ExperimentCounter counter)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (EmbedEndpoints.AllowedPage(http, embed.Value, url) is not { } page)
        {
            return EmbedEndpoints.NotAllowed(http, embed.Value);
        }
        if (experiments.RunningVariant(variant) is { } shown)
        {
            counter.Reminded(shown.Id);
        }
        var html = await EmbedRenderer.ReminderAsync(http.RequestServices, new()
        {
            [nameof(EmbedReminder.Choices)] = schedule.Offered(),
            [nameof(EmbedReminder.ArticleSlug)] = EmbedPages.Key(page),
        });
        return Results.Json(new EmbedFragment(html));
    }

    private static async Task<IResult> SignUpAsync(
        HttpContext http,
        [FromForm] string? url,
        [FromForm] string? state,
        [FromForm] string? choice,
        [FromForm] string? email,
        IOptions<EmbedOptions> embed,
        ReminderSchedule schedule,
        ReminderSignup signup,
        EmbedTokens tokens,
        PromptCookie cookie,
        TimeProvider time,
        CancellationToken ct)
    {
        if (embed.Value.AllowedPage(url) is not { } page)
        {
            return EmbedEndpoints.NotAllowed(http, embed.Value);
        }
        var check = new ReminderForm { Choice = choice, Email = email }.Check(schedule);
        if (check is not { Error: null, Choice: { } chosen })
        {
            return EmbedEndpoints.Refuse(StatusCodes.Status400BadRequest, check.Error ?? "Choose when we should remind you.");
        }
        var hidden = PromptDecisions.Later(EmbedTokens.Merge(tokens.Read(state), cookie.Read(http.Request)), chosen.DueAt);
        cookie.Write(http.Response, hidden);
        string? html = null;
        if (check.Email is { } address)
        {
            // The same answer whether the reminder is new or its owner is asked to move theirs: it tells a stranger nothing.
            await signup.ScheduleAsync(address, chosen.DueAt, EmbedPages.Key(page), ct);
            html = await EmbedRenderer.ReminderAsync(http.RequestServices, new()
            {
                [nameof(EmbedReminder.Email)] = address,
                [nameof(EmbedReminder.When)] = ReminderSchedule.FormatWhen(chosen.DueAt, time.GetUtcNow()),
            });
        }
        return Results.Json(new EmbedPrompt("none", html, tokens.Protect(hidden), null));
    }
}

/// <summary>Markup for the prompt to show (the reminder form).</summary>
public sealed record EmbedFragment(string Html);
