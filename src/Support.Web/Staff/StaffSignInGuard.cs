using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Support.Data.Staff;
using Support.Web.Hosting;
using Support.Web.Shared;

namespace Support.Web.Staff;

/// <summary>Staff sign-in attempts per client address (rate-limiter policy), with its own 429 page.</summary>
public sealed class StaffSignInPolicy(IOptions<StaffOptions> options) : ClientWindowPolicy
{
    public const string Name = "staff-signin";

    protected override int Permits => options.Value.SignInAttemptsPerAddress;

    protected override TimeSpan Window => options.Value.SignInWindow;

    protected override IResult Refusal => Pages.Message(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts",
        "We have received many sign-in attempts from your network in a short time. Please wait a few minutes and try again.",
        "/staff/login", "Back to sign-in");
}

/// <summary>
/// Makes a failed sign-in for an unknown or locked account cost what a wrong password costs: one password hash
/// check (PBKDF2) with the app's hasher, so the answer's timing does not tell which accounts exist or are locked.
/// Scoped like Identity's hasher; the hash it checks against is made once (<see cref="NobodysHash"/>).
/// </summary>
public sealed class UnknownAccountCost(IPasswordHasher<StaffUser> hasher, NobodysHash nobody)
{
    public void Spend(string password) => hasher.VerifyHashedPassword(NobodysHash.Nobody, nobody.Hash, password);
}

/// <summary>A random password's hash, in Identity's default format with the app's options, made once per process.</summary>
public sealed class NobodysHash(IOptions<PasswordHasherOptions> options)
{
    public static readonly StaffUser Nobody = new() { UserName = "nobody" };

    private readonly Lazy<string> _hash = new(() => new PasswordHasher<StaffUser>(options)
        .HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    public string Hash => _hash.Value;
}
