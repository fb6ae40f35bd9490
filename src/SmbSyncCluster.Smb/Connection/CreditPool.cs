using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Credits the server has granted and not yet spent ([MS-SMB2] 3.2.4.1.5, 3.2.5.1.4). Senders wait in
/// FIFO order, so a large READ cannot be starved by a stream of small ones. A sender may take a range
/// (at least <c>min</c>, up to <c>max</c>): large I/O then shrinks to what the server has granted instead
/// of waiting for credits that only a response could bring while nothing is in flight.
/// </summary>
internal sealed class CreditPool(int initial)
{
    /// <summary>
    /// More unspent credits than a 16-bit grant can ever add up to in honest use (servers cap a client
    /// at a few thousand): a server that goes past it is broken or hostile, and the count must not wrap.
    /// </summary>
    public const int Limit = ushort.MaxValue;

    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private int _available = initial;
    private Exception? _failure;

    public int Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes between <paramref name="min"/> and <paramref name="max"/> credits, as many as are there; returns how many.</summary>
    public ValueTask<int> AcquireRangeAsync(int min, int max, CancellationToken ct)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_failure is not null)
            {
                return ValueTask.FromException<int>(_failure);
            }
            if (_waiters.Count == 0 && _available >= min)
            {
                var taken = Math.Min(_available, max);
                _available -= taken;
                return ValueTask.FromResult(taken);
            }
            waiter = new Waiter(min, max);
            waiter.Node = _waiters.AddLast(waiter);
        }
        if (ct.CanBeCanceled)
        {
            waiter.Registration = ct.Register(() => Cancel(waiter, ct));
        }
        return new ValueTask<int>(waiter.Task);
    }

    /// <summary>Adds the credits a response grants; a grant beyond <see cref="Limit"/> unspent credits is a protocol error.</summary>
    public void Grant(int credits) => Add(credits, grant: true);

    /// <summary>Gives back credits charged to a request that was never sent.</summary>
    public void Release(int credits) => Add(credits, grant: false);

    private void Add(int credits, bool grant)
    {
        if (credits <= 0)
        {
            return;
        }
        List<(Waiter Waiter, int Taken)> ready = [];
        lock (_lock)
        {
            if (grant && _available + credits > Limit)
            {
                throw new SmbProtocolException($"the server granted {credits} credits on top of {_available} unspent (limit {Limit})");
            }
            _available += credits;
            while (_waiters.First is { } first && first.Value.Min <= _available)
            {
                var taken = Math.Min(_available, first.Value.Max);
                _available -= taken;
                _waiters.RemoveFirst();
                first.Value.Node = null;
                ready.Add((first.Value, taken));
            }
        }
        foreach (var (w, taken) in ready)
        {
            w.Registration.Dispose();
            w.TrySetResult(taken);
        }
    }

    public void Fail(Exception failure)
    {
        List<Waiter> waiting;
        lock (_lock)
        {
            _failure = failure;
            waiting = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var w in waiting)
        {
            w.TrySetException(failure);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken ct)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return;
            }
            _waiters.Remove(waiter.Node);
            waiter.Node = null;
        }
        waiter.TrySetCanceled(ct);
    }

    private sealed class Waiter(int min, int max) : TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public int Min { get; } = min;
        public int Max { get; } = max;
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }
}
