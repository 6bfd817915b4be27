using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Support.Web.Hosting;
using Support.Web.Shared;

namespace Support.Web.Account;

/// <summary>Sign-in link requests per client address (middleware policy), with its own friendly 429 page.</summary>
public sealed class SignInAddressPolicy(IOptions<AccountOptions> options) : ClientWindowPolicy
{
    public const string Name = "account-signin";

    protected override int Permits => options.Value.SignInRequestsPerAddress;

    protected override TimeSpan Window => options.Value.SignInWindow;

    protected override IResult Refusal => TooMany();

    public static IResult TooMany() => Pages.Message(StatusCodes.Status429TooManyRequests, "Too many sign-in requests",
        "We have received several requests for sign-in links in a short time. Please wait a few minutes and try again.",
        "/account", "Back to sign-in");
}

/// <summary>
/// Sign-in link requests per email address, whoever asks: bounds the mail one address can be sent. Applied to
/// every address, known or not, so it reveals nothing. The email is in the form body, which the middleware's
/// synchronous partitioner cannot read, so the handler asks this limiter.
/// </summary>
public sealed class SignInEmailLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInEmailLimiter(IOptions<AccountOptions> options)
    {
        var value = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.GetFixedWindowLimiter(email,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = value.SignInRequestsPerEmail, Window = value.SignInWindow, QueueLimit = 0 }));
    }

    public bool TryAcquire(string email)
    {
        using var lease = _limiter.AttemptAcquire(email);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
