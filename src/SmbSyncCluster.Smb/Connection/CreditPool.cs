namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Credits the server has granted and not yet spent ([MS-SMB2] 3.2.4.1.5, 3.2.5.1.4). Senders wait in
/// FIFO order until their charge is covered, so a large READ cannot be starved by a stream of small ones.
/// </summary>
internal sealed class CreditPool(int initial)
{
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

    public ValueTask AcquireAsync(int charge, CancellationToken ct)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_failure is not null)
            {
                return ValueTask.FromException(_failure);
            }
            if (_waiters.Count == 0 && _available >= charge)
            {
                _available -= charge;
                return ValueTask.CompletedTask;
            }
            waiter = new Waiter(charge);
            waiter.Node = _waiters.AddLast(waiter);
        }
        if (ct.CanBeCanceled)
        {
            waiter.Registration = ct.Register(() => Cancel(waiter, ct));
        }
        return new ValueTask(waiter.Task);
    }

    /// <summary>Gives back credits: granted by a response, or charged to a request that was never sent.</summary>
    public void Release(int credits)
    {
        if (credits <= 0)
        {
            return;
        }
        List<Waiter> ready = [];
        lock (_lock)
        {
            _available += credits;
            while (_waiters.First is { } first && first.Value.Charge <= _available)
            {
                _available -= first.Value.Charge;
                _waiters.RemoveFirst();
                first.Value.Node = null;
                ready.Add(first.Value);
            }
        }
        foreach (var w in ready)
        {
            w.Registration.Dispose();
            w.TrySetResult();
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

    private sealed class Waiter(int charge) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public int Charge { get; } = charge;
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }
}
