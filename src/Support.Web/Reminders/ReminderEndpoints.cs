using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Support.Web.Articles;
using Support.Web.Hosting;
using Support.Web.Prompt;
using Support.Web.Shared;

namespace Support.Web.Reminders;

/// <summary>The reader's side: ask for a reminder, and cancel it from the email.</summary>
public static class ReminderEndpoints
{
    public static IEndpointRouteBuilder MapReminderPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/reminders");
        group.MapGet("/new", ([FromQuery] string? article, [FromQuery] string? variant, ArticleCatalog catalog, ReminderSchedule schedule,
            Experiments.ExperimentRegistry experiments, Experiments.ExperimentCounter counter) =>
        {
            // The prompt's "Remind me later" link names its experiment variant: the click is counted for it.
            if (experiments.RunningVariant(variant) is { } shown)
            {
                counter.Reminded(shown.Id);
            }
            return Form(schedule, SlugOf(article, catalog), null, null, null, StatusCodes.Status200OK);
        });
        // Anonymous readers: no antiforgery (docs/decisions/0003-…); the rate limit bounds abuse instead.
        group.MapPost("/", SignUpAsync).DisableAntiforgery().RequireRateLimiting(ReminderExtensions.SignupRateLimit);
        group.MapGet("/unsubscribe/{token}", UnsubscribeEndpoints.ConfirmAsync);
        // Also the RFC 8058 one-click POST from mail clients (body "List-Unsubscribe=One-Click", no cookies).
        group.MapPost("/unsubscribe/{token}", UnsubscribeEndpoints.UnsubscribeAsync).DisableAntiforgery().AllowCrossSitePosts();
        group.MapReminderChanges();
        return app;
    }

    private static async Task<IResult> SignUpAsync(
        [FromForm] ReminderForm? posted,
        HttpContext http,
        ArticleCatalog catalog,
        ReminderSchedule schedule,
        ReminderSignup signup,
        PromptCookie cookie,
        TimeProvider time,
        CancellationToken ct)
    {
        var form = posted ?? new();
        var slug = SlugOf(form.Article, catalog);
        var check = form.Check(schedule);
        if (check is not { Error: null, Choice: { } choice })
        {
            return Form(schedule, slug, check.Choice?.Key ?? form.Choice, form.Email, check.Error, StatusCodes.Status400BadRequest);
        }
        var email = check.Email;
        cookie.HideUntil(http.Request, http.Response, choice.DueAt);
        var returnUrl = slug.Length > 0 ? $"/articles/{slug}" : "/";
        if (email is null)
        {
            return new SeeOther(returnUrl);
        }
        // The same page whether the reminder is new or its owner is asked to move theirs: it tells a stranger nothing.
        await signup.ScheduleAsync(email, choice.DueAt, slug, ct);
        return new RazorComponentResult<ReminderSetPage>(new
        {
            Email = email,
            When = ReminderSchedule.FormatWhen(choice.DueAt, time.GetUtcNow()),
            ReturnUrl = returnUrl,
        });
    }

    private static RazorComponentResult<ReminderFormPage> Form(
        ReminderSchedule schedule, string slug, string? choice, string? email, string? error, int statusCode) =>
        new(new
        {
            Choices = schedule.Offered(),
            ArticleSlug = slug,
            Selected = Echo.Shortened(choice),
            Email = Echo.Shortened(email),
            Error = error,
        }) { StatusCode = statusCode };

    /// <summary>Only slugs of real articles are kept, so the stored slug and the return link are always ours.</summary>
    private static string SlugOf(string? article, ArticleCatalog catalog) =>
        string.IsNullOrWhiteSpace(article) ? "" : catalog.Find(article.Trim())?.Slug ?? "";
}
