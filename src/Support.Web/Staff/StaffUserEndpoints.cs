using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Support.Data.Staff;
using Support.Web.Shared;

namespace Support.Web.Staff;

/// <summary>Administrators list, add, unlock and remove staff accounts at /staff/users.</summary>
public static class StaffUserEndpoints
{
    public static IEndpointRouteBuilder MapStaffUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/staff/users").RequireAuthorization(StaffPolicies.Admin).RequireFormToken();
        group.MapGet("/", async (StaffAccounts accounts) => await Page(accounts, error: null, StatusCodes.Status200OK));
        group.MapPost("/", AddAsync);
        group.MapPost("/{id}/remove", RemoveAsync);
        group.MapPost("/{id}/unlock", UnlockAsync);
        return app;
    }

    public sealed class AddForm
    {
        public string? Email { get; set; }
        public string? Role { get; set; }
        public string? Password { get; set; }
    }

    private static async Task<IResult> AddAsync([FromForm] AddForm? posted, StaffAccounts accounts)
    {
        var form = posted ?? new();
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            return await Page(accounts, "Enter an email and an initial password.", StatusCodes.Status422UnprocessableEntity);
        }
        var error = await accounts.AddAsync(form.Email, form.Role ?? StaffRoles.Staff, form.Password);
        return error is null
            ? new SeeOther("/staff/users")
            : await Page(accounts, error, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> RemoveAsync(string id, ClaimsPrincipal user, UserManager<StaffUser> users, StaffAccounts accounts)
    {
        var error = await accounts.RemoveAsync(id, users.GetUserId(user));
        return error is null
            ? new SeeOther("/staff/users")
            : await Page(accounts, error, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> UnlockAsync(string id, StaffAccounts accounts) =>
        await accounts.UnlockAsync(id) is { } error
            ? await Page(accounts, error, StatusCodes.Status422UnprocessableEntity)
            : new SeeOther("/staff/users");

    private static async Task<RazorComponentResult<StaffUsersPage>> Page(StaffAccounts accounts, string? error, int statusCode) =>
        new(new { Accounts = await accounts.ListAsync(), Error = error }) { StatusCode = statusCode };
}
