using System.Threading.Channels;

namespace Support.StripeEmulator.Webhooks;

/// <summary>Events waiting for delivery, plus a count of those not yet finished so tests can wait for quiet.</summary>
internal sealed class DeliveryQueue
{
    private readonly Channel<EmulatorEvent> _channel =
        Channel.CreateUnbounded<EmulatorEvent>(new UnboundedChannelOptions { SingleReader = true });
    private int _unfinished;

    public ChannelReader<EmulatorEvent> Reader => _channel.Reader;

    public void Enqueue(EmulatorEvent stripeEvent)
    {
        Interlocked.Increment(ref _unfinished);
        _channel.Writer.TryWrite(stripeEvent);
    }

    /// <summary>Called once per event, whether it was delivered or given up on.</summary>
    public void MarkFinished() => Interlocked.Decrement(ref _unfinished);

    public async Task WaitUntilEmptyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _unfinished) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{Volatile.Read(ref _unfinished)} webhook deliveries still pending after {timeout}.");
            }
            await Task.Delay(20);
        }
    }
}
