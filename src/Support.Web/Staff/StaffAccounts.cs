using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Support.Data.Staff;

namespace Support.Web.Staff;

/// <summary>Creates, lists and removes staff accounts; shared by the admin page and the command line.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, TimeProvider time)
{
    public sealed record Account(string Id, string Email, string Role, DateTime CreatedAt, bool LockedOut);

    /// <summary>Null on success, otherwise what went wrong in words (password rules, duplicate email, role).</summary>
    public async Task<string?> AddAsync(string email, string role, string password)
    {
        email = email.Trim();
        var roleName = StaffRoles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        if (roleName is null)
        {
            return $"Unknown role '{role}': use {string.Join(" or ", StaffRoles.All)}.";
        }
        if (!await roles.RoleExistsAsync(roleName))
        {
            await roles.CreateAsync(new IdentityRole(roleName));
        }
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Describe(created);
        }
        var added = await users.AddToRoleAsync(user, roleName);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return Describe(added);
        }
        return null;
    }

    public async Task<IReadOnlyList<Account>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var now = time.GetUtcNow();
        var accounts = new List<Account>(all.Count);
        foreach (var user in all)
        {
            var userRoles = await users.GetRolesAsync(user);
            var role = userRoles.Contains(StaffRoles.Admin) ? StaffRoles.Admin : userRoles.FirstOrDefault() ?? "(none)";
            accounts.Add(new Account(user.Id, user.Email ?? "", role, user.CreatedAt, user.LockoutEnd > now));
        }
        return accounts;
    }

    /// <summary>Null on success. Administrators cannot remove themselves, so the last admin cannot vanish by mistake.</summary>
    public async Task<string?> RemoveAsync(string id, string? currentUserId)
    {
        if (id == currentUserId)
        {
            return "You cannot remove your own account.";
        }
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return "That account does not exist (any more).";
        }
        var deleted = await users.DeleteAsync(user);
        return deleted.Succeeded ? null : Describe(deleted);
    }

    /// <summary>Null on success: ends a lockout now and forgets the failed attempts that led to it.</summary>
    public async Task<string?> UnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return "That account does not exist (any more).";
        }
        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        if (unlocked.Succeeded)
        {
            unlocked = await users.ResetAccessFailedCountAsync(user);
        }
        return unlocked.Succeeded ? null : Describe(unlocked);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
