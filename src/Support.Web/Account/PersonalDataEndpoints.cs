using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Support.Web.Shared;
using Support.Web.Stripe;
using global::Stripe;

namespace Support.Web.Account;

/// <summary>Download my data (JSON) and delete my account.</summary>
public static class PersonalDataEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void MapPersonalData(this RouteGroupBuilder group)
    {
        var signedIn = group.MapGroup("").RequireAuthorization(SupporterSession.Policy);
        signedIn.MapGet("/data", async (HttpContext http, PersonalData data, CancellationToken ct) =>
            TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(await data.ExportAsync(SupporterSession.EmailOf(http.User)!, ct), Json),
                "application/json", "support-data.json"));
        signedIn.MapGet("/delete", (HttpContext http, IAntiforgery af) =>
            new RazorComponentResult<DeleteAccountPage>(new { Guard = FormGuard.For(af, http) }));
        signedIn.MapPost("/delete", DeleteAsync).CallsStripe();
    }

    private static async Task<IResult> DeleteAsync(
        HttpContext http, [FromForm] AccountForm? form, PersonalData data, ILogger<PersonalData> logger, CancellationToken ct)
    {
        try
        {
            await data.EraseAsync(SupporterSession.EmailOf(http.User)!, ct);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            logger.LogError(e, "Could not cancel a subscription while deleting an account");
            return Pages.Message(StatusCodes.Status502BadGateway, "Your account was not deleted",
                "We could not reach our payment provider to stop your monthly gift, so we changed nothing. Please try again in a moment.",
                "/account", "Back to your account");
        }
        await SupporterSession.SignOutAsync(http);
        return Pages.Message(StatusCodes.Status200OK, "Your account is deleted",
            "Your monthly gifts are cancelled, and we have removed your email address, reminders and sign-in links. "
            + "We keep the amounts you gave, without your name or email, because the law requires us to keep our accounts.");
    }
}
