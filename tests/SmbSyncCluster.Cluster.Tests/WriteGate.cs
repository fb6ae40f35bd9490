namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// A <see cref="Testing.FaultyStore"/> hook that holds every file write until <see cref="Open"/>, without
/// blocking a thread, and counts how many writes are held at once and how often each path is written.
/// While closed, the writes held at once are the transfers in flight: each one ends at the gate.
/// </summary>
internal sealed class WriteGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<int> _heldAtEntry = [];
    private readonly Dictionary<string, int> _writes = [];
    private int _held;

    /// <summary>Writes waiting at the gate now.</summary>
    public int Held
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>For every write that came to the gate, in order, the writes held at once when it came (itself included).</summary>
    public IReadOnlyList<int> HeldAtEntry
    {
        get
        {
            lock (_lock)
            {
                return [.. _heldAtEntry];
            }
        }
    }

    /// <summary>How often each path was written.</summary>
    public IReadOnlyDictionary<string, int> Writes
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_writes);
            }
        }
    }

    /// <summary>The hook: holds writes, lets every other operation through.</summary>
    public async ValueTask<Exception?> HoldAsync(string op, string path)
    {
        if (op != "write")
        {
            return null;
        }
        lock (_lock)
        {
            _heldAtEntry.Add(++_held);
            _writes[path] = _writes.GetValueOrDefault(path) + 1;
        }
        await _open.Task;
        lock (_lock)
        {
            _held--;
        }
        return null;
    }

    /// <summary>Lets every held write and every later one through.</summary>
    public void Open() => _open.TrySetResult();

    /// <summary>Waits until <paramref name="count"/> writes are held at once.</summary>
    public async Task HeldAsync(int count, TimeSpan wait)
    {
        for (var deadline = DateTime.UtcNow + wait; Held != count; await Task.Delay(10))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Held} writes held, never {count}");
            }
        }
    }
}
