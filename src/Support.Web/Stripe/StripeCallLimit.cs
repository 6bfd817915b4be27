using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Support.Web.Hosting;
using Support.Web.Shared;

namespace Support.Web.Stripe;

/// <summary>
/// Requests that call Stripe (checkout, the thank-you page, a supporter's changes) are limited per client address
/// and for everyone together, so a loop cannot spend the Stripe account's own rate limit, which real checkouts and
/// webhook processing share. One policy: each client's limiter is chained to one global limiter.
/// </summary>
public sealed class StripeCallPolicy : IRateLimiterPolicy<string>, IDisposable
{
    public const string Name = "stripe-calls";
    private readonly StripeOptions _options;
    private readonly FixedWindowRateLimiter _everyone;

    public StripeCallPolicy(IOptions<StripeOptions> options)
    {
        _options = options.Value;
        _everyone = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.GlobalRequestLimit, Window = _options.GlobalRequestWindow, QueueLimit = 0,
        });
    }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(ClientLimits.AddressOf(httpContext), _ => new ChainedLimiter(
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = _options.ClientRequestLimit, Window = _options.ClientRequestWindow, QueueLimit = 0,
            }),
            _everyone));

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
        new ValueTask(Pages.Message(StatusCodes.Status429TooManyRequests, "Too many payment requests",
            "We have received many payment requests in a short time. Nothing was charged; please wait a minute and try again.",
            "/support", "Back to the support page").ExecuteAsync(context.HttpContext));

    public void Dispose() => _everyone.Dispose();

    /// <summary>The client's limiter first (a refused client spends none of everyone's permits), then the shared one.</summary>
    private sealed class ChainedLimiter(RateLimiter client, RateLimiter everyone) : RateLimiter
    {
        public override TimeSpan? IdleDuration => client.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => client.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            var first = client.AttemptAcquire(permitCount);
            if (!first.IsAcquired)
            {
                return first;
            }
            var second = everyone.AttemptAcquire(permitCount);
            if (!second.IsAcquired)
            {
                first.Dispose();
                return second;
            }
            return new BothLease(first, second);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount)); // no queues: refuse at once

        // The shared limiter belongs to the policy; an idle client's limiter is disposed alone.
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                client.Dispose();
            }
        }
    }

    private sealed class BothLease(RateLimitLease first, RateLimitLease second) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => first.MetadataNames.Concat(second.MetadataNames);

        public override bool TryGetMetadata(string metadataName, out object? metadata) =>
            first.TryGetMetadata(metadataName, out metadata) || second.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }
        }
    }
}

public static class StripeCallLimitExtensions
{
    /// <summary>This endpoint calls Stripe on a request: it counts against <see cref="StripeCallPolicy"/>.</summary>
    public static TBuilder CallsStripe<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(StripeCallPolicy.Name);
}
