using Microsoft.Extensions.Options;

namespace Support.StripeEmulator.Webhooks;

/// <summary>
/// The delivery log and what is still to send. Senders take a random one of the oldest due deliveries (so
/// events arrive out of creation order, as from Stripe), report each attempt, and failures come back after the
/// retry schedule. Runs on the wall clock, not the emulator's TimeProvider: retries must fire in tests that
/// freeze the emulator's own time.
/// </summary>
internal sealed class DeliveryScheduler
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _log = [];
    private readonly List<Entry> _pending = [];
    private readonly List<TaskCompletionSource> _settledWaiters = [];
    private readonly StripeEmulatorOptions _options;
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly Random _random;
    private TaskCompletionSource _changed = NewSignal();
    private bool _paused;
    private double _dropShare;

    public DeliveryScheduler(IOptions<StripeEmulatorOptions> options)
    {
        _options = options.Value;
        _random = _options.DeliverySeed is { } seed ? new Random(seed) : new Random();
    }

    internal sealed class Entry(EmulatorEvent stripeEvent, long sequence)
    {
        public EmulatorEvent Event { get; } = stripeEvent;
        public long Sequence { get; } = sequence;
        public string Status { get; set; } = WebhookDeliveryStatus.Pending;
        public List<WebhookAttempt> Attempts { get; } = [];
        public DateTimeOffset DueAt { get; set; }
        public bool InFlight { get; set; }
    }

    public bool Paused
    {
        get { lock (_gate) { return _paused; } }
    }

    public double DropShare
    {
        get { lock (_gate) { return _dropShare; } }
    }

    public void Enqueue(EmulatorEvent stripeEvent)
    {
        lock (_gate)
        {
            var entry = new Entry(stripeEvent, _log.Count) { DueAt = _clock.GetUtcNow() };
            _log.Add(entry);
            if (_dropShare > 0 && _random.NextDouble() < _dropShare)
            {
                entry.Status = WebhookDeliveryStatus.Dropped;
                return;
            }
            _pending.Add(entry);
            SignalChanged();
        }
    }

    /// <summary>Waits for a due delivery (none while paused) and marks it in flight.</summary>
    public async Task<Entry> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            var wait = Timeout.InfiniteTimeSpan;
            lock (_gate)
            {
                changed = _changed.Task;
                if (!_paused && PickDue() is { } picked)
                {
                    picked.InFlight = true;
                    return picked;
                }
                if (!_paused && _pending.Where(e => !e.InFlight).Select(e => (DateTimeOffset?)e.DueAt).Min() is { } next)
                {
                    wait = next - _clock.GetUtcNow();
                }
            }
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = wait == Timeout.InfiniteTimeSpan ? wait : TimeSpan.FromTicks(Math.Max(wait.Ticks, TimeSpan.TicksPerMillisecond));
            await Task.WhenAny(changed, Task.Delay(delay, stopWaiting.Token));
            await stopWaiting.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }

    private Entry? PickDue()
    {
        var now = _clock.GetUtcNow();
        var due = _pending.Where(e => !e.InFlight && e.DueAt <= now)
            .OrderBy(e => e.DueAt).ThenBy(e => e.Sequence)
            .Take(_options.DeliveryShuffleWindow).ToList();
        return due.Count == 0 ? null : due[_random.Next(due.Count)];
    }

    /// <summary>Records an attempt; a failure is retried after the schedule's next delay, or given up.</summary>
    public void Complete(Entry entry, WebhookAttempt attempt)
    {
        lock (_gate)
        {
            entry.Attempts.Add(attempt);
            entry.InFlight = false;
            var retries = _options.RetrySchedule;
            if (attempt.Succeeded)
            {
                entry.Status = WebhookDeliveryStatus.Delivered;
            }
            else if (entry.Status == WebhookDeliveryStatus.Pending && entry.Attempts.Count <= retries.Length)
            {
                entry.DueAt = _clock.GetUtcNow() + retries[entry.Attempts.Count - 1];
                SignalChanged();
                return;
            }
            else
            {
                entry.Status = WebhookDeliveryStatus.Failed;
            }
            _pending.Remove(entry);
            SignalChanged();
        }
    }

    public void Pause() => Set(() => _paused = true);

    public void Resume() => Set(() => _paused = false);

    /// <summary>From now on, this share (0 to 1) of new events is never sent.</summary>
    public void Drop(double share) => Set(() => _dropShare = share is >= 0 and <= 1
        ? share
        : throw new ArgumentOutOfRangeException(nameof(share), "The share of dropped deliveries is between 0 and 1."));

    /// <summary>Gives up every delivery still pending, as Stripe does when its retries run out; one in flight ends with its attempt.</summary>
    public int Abandon() => Set(() =>
    {
        foreach (var entry in _pending)
        {
            entry.Status = WebhookDeliveryStatus.Failed;
        }
        var abandoned = _pending.Count;
        _pending.RemoveAll(entry => !entry.InFlight);
        return abandoned;
    });

    public IReadOnlyList<WebhookDelivery> Snapshot()
    {
        lock (_gate)
        {
            return [.. _log.Select(e => new WebhookDelivery(e.Event.Id, e.Event.Type, e.Event.Created, e.Status, [.. e.Attempts],
                e.Status == WebhookDeliveryStatus.Pending && !e.InFlight ? e.DueAt : null))];
        }
    }

    /// <summary>Completes when no delivery is pending (delivered, failed or dropped, each of them).</summary>
    public async Task WaitUntilSettledAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        TaskCompletionSource settled;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            settled = NewSignal();
            _settledWaiters.Add(settled);
        }
        try
        {
            await settled.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _settledWaiters.Remove(settled);
                throw new TimeoutException($"{_pending.Count} webhook deliveries still pending after {timeout}"
                    + (_paused ? " (deliveries are paused)." : "."));
            }
        }
    }

    private T Set<T>(Func<T> change)
    {
        lock (_gate)
        {
            var result = change();
            SignalChanged();
            return result;
        }
    }

    private void Set(Action change) => Set(() => { change(); return 0; });

    /// <summary>Call under the lock: wakes waiting senders, and settled-waiters when nothing is pending.</summary>
    private void SignalChanged()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
        if (_pending.Count == 0)
        {
            _settledWaiters.ForEach(waiter => waiter.TrySetResult());
            _settledWaiters.Clear();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
