namespace SmbSyncCluster.Sync.Limits;

/// <summary>
/// The transfer slots of one SMB server: at most <see cref="Limit"/> leases held at once, whatever the jobs
/// and nodes asking. Requests wait in one queue per job and the jobs take turns (round robin), so a job with
/// many workers cannot starve one with few. A lease is named by its holder (<typeparamref name="THolder"/>:
/// the executor that asked) and a number the holder chose; a holder that dies gives back all it held or awaited
/// (<see cref="ReleaseHolder"/>). Every change returns the leases it granted, for the caller to announce.
/// </summary>
public sealed class ServerSlots<THolder>(int limit)
    where THolder : notnull
{
    private readonly Dictionary<(THolder Holder, long Lease), string> _held = [];
    private readonly Dictionary<string, Queue<(THolder Holder, long Lease)>> _waiting = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _turns = new(); // jobs with waiting requests, the next to be served first

    /// <summary>The most leases held at once.</summary>
    public int Limit { get; private set; } = limit >= 1 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), "at least 1");

    /// <summary>Leases held now.</summary>
    public int InUse => _held.Count;

    /// <summary>Requests waiting for a slot.</summary>
    public int Waiting => _waiting.Values.Sum(q => q.Count);

    /// <summary>True when nothing is held or awaited: the server's entry may be forgotten.</summary>
    public bool IsIdle => _held.Count == 0 && _turns.Count == 0;

    /// <summary>Asks for a slot for <paramref name="job"/>; granted at once when one is free and no job waits.</summary>
    public IReadOnlyList<(THolder Holder, long Lease)> Request(THolder holder, long lease, string job)
    {
        if (_held.ContainsKey((holder, lease)) || _waiting.Values.Any(q => q.Contains((holder, lease))))
        {
            return []; // asked twice (a message sent again): one lease
        }
        if (!_waiting.TryGetValue(job, out var queue))
        {
            _waiting[job] = queue = new Queue<(THolder, long)>();
            _turns.AddLast(job);
        }
        queue.Enqueue((holder, lease));
        return Grant();
    }

    /// <summary>Gives back a lease, held or still awaited.</summary>
    public IReadOnlyList<(THolder Holder, long Lease)> Release(THolder holder, long lease)
    {
        if (!_held.Remove((holder, lease)))
        {
            Forget(entry => entry.Equals((holder, lease)));
        }
        return Grant();
    }

    /// <summary>Gives back every lease <paramref name="holder"/> held or awaited: it is gone.</summary>
    public IReadOnlyList<(THolder Holder, long Lease)> ReleaseHolder(THolder holder)
    {
        foreach (var key in _held.Keys.Where(k => k.Holder.Equals(holder)).ToList())
        {
            _held.Remove(key);
        }
        Forget(entry => entry.Holder.Equals(holder));
        return Grant();
    }

    /// <summary>Changes the limit; a lower one takes no lease back, it only grants none until enough are given back.</summary>
    public IReadOnlyList<(THolder Holder, long Lease)> SetLimit(int limit)
    {
        Limit = limit >= 1 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), "at least 1");
        return Grant();
    }

    private List<(THolder Holder, long Lease)> Grant()
    {
        var granted = new List<(THolder, long)>();
        while (_held.Count < Limit && _turns.First is { } next)
        {
            var job = next.Value;
            _turns.RemoveFirst();
            var queue = _waiting[job];
            var lease = queue.Dequeue();
            _held[lease] = job;
            granted.Add(lease);
            if (queue.Count > 0)
            {
                _turns.AddLast(job); // its next request waits for every other job's turn
            }
            else
            {
                _waiting.Remove(job);
            }
        }
        return granted;
    }

    private void Forget(Func<(THolder Holder, long Lease), bool> which)
    {
        foreach (var (job, queue) in _waiting.ToList())
        {
            var kept = queue.Where(e => !which(e)).ToList();
            if (kept.Count == queue.Count)
            {
                continue;
            }
            if (kept.Count == 0)
            {
                _waiting.Remove(job);
                _turns.Remove(job);
            }
            else
            {
                _waiting[job] = new Queue<(THolder, long)>(kept);
            }
        }
    }
}
