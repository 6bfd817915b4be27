using Microsoft.AspNetCore.Identity;

namespace Support.Data.Staff;

/// <summary>A newsroom staff account (ASP.NET Core Identity). Readers and supporters never have one.</summary>
public sealed class StaffUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}

/// <summary>Role names; also the names of the authorization policies.</summary>
public static class StaffRoles
{
    /// <summary>Reads reports.</summary>
    public const string Staff = "Staff";

    /// <summary>Also manages staff accounts and sees the background-job dashboard.</summary>
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Staff, Admin];
}
