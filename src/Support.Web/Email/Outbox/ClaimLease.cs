using Support.Data.Email;

namespace Support.Web.Email.Outbox;

/// <summary>
/// Keeps a claim alive while its sender works: renews it every third of the lease on a database context of its own,
/// whatever SMTP is doing, so a lease of seconds is safe and a dead process's claim is taken over within seconds.
/// <see cref="Lost"/> turns true when the claim was recovered elsewhere (this process paused past its lease).
/// </summary>
public sealed class ClaimLease<T> : IAsyncDisposable where T : QueuedEmail
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private volatile bool _lost;

    public ClaimLease(IServiceScopeFactory scopes, string token, TimeSpan lease, TimeProvider time, ILogger logger) =>
        _renewing = RenewAsync(scopes, token, lease / 3, time, logger);

    public bool Lost => _lost;

    private async Task RenewAsync(IServiceScopeFactory scopes, string token, TimeSpan every, TimeProvider time, ILogger logger)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, _stop.Token);
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<EmailClaims<T>>().RenewAsync(token, _stop.Token))
                {
                    _lost = !_stop.IsCancellationRequested;
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database hiccupped: try again at the next turn; the lease allows two misses.
                logger.LogWarning(e, "Could not renew {Kind} claim {Token}", typeof(T).Name, token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }
}
