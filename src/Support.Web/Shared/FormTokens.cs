using Microsoft.AspNetCore.Antiforgery;

namespace Support.Web.Shared;

/// <summary>
/// Forms that act with a signed-in person's rights carry the antiforgery token (ADR 0003). Minimal APIs check the
/// token only where a handler binds the form, so a POST that binds nothing (sign-out, remove) would be open to a
/// forged cross-site post: this makes every POST of the group check it.
/// </summary>
public static class FormTokens
{
    public static RouteGroupBuilder RequireFormToken(this RouteGroupBuilder group)
    {
        group.WithMetadata(new RequireAntiforgeryTokenAttribute());
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                ? Expired()
                : await next(context));
        return group;
    }

    public static IResult Expired() => Pages.Message(StatusCodes.Status400BadRequest, "This form has expired",
        "For your safety, forms work only from the page that showed them. Go back, reload the page and send it again.");
}
