using Microsoft.AspNetCore.Http.HttpResults;

namespace Support.Web.Shared;

/// <summary>Shorthands for the plain message pages.</summary>
public static class Pages
{
    public static RazorComponentResult<MessagePage> Message(int statusCode, string heading, string message, string? linkHref = "/", string linkText = "Back to the front page") =>
        new(new { Heading = heading, Message = message, LinkHref = linkHref, LinkText = linkText }) { StatusCode = statusCode };

    public static RazorComponentResult<MessagePage> NotFound(string heading, string message) =>
        Message(StatusCodes.Status404NotFound, heading, message);
}
