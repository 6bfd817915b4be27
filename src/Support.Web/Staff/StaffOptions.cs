using System.ComponentModel.DataAnnotations;

namespace Support.Web.Staff;

/// <summary>The staff sign-in's guard against guessing: attempts per client address in each window.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Sign-in attempts (right or wrong) allowed per client address in each window.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerAddress { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);
}
