using System.ComponentModel.DataAnnotations;

namespace Support.Web.Account;

/// <summary>Supporter self-service: sign-in links, sessions and how often links may be asked for.</summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    /// <summary>How long an emailed sign-in link works (once).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a signed-in session lasts without a visit (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Sign-in link requests allowed per client address in each window.</summary>
    [Range(1, 10_000)]
    public int SignInRequestsPerAddress { get; set; } = 10;

    /// <summary>Sign-in link requests allowed per email address in each window, whoever asks.</summary>
    [Range(1, 1_000)]
    public int SignInRequestsPerEmail { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);
}
