using System.Collections.Concurrent;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// The requests sent and not yet answered, by MessageId, and the MessageIds themselves ([MS-SMB2]
/// 3.2.4.1.3): each request takes the next id, and a request charged n credits uses up n ids.
/// <see cref="Register"/> runs under the connection's send lock, so ids go out on the wire in the order
/// they are taken; lookups and removals come from the receive loop and from callers giving up.
/// </summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentDictionary<ulong, PendingRequest> _byMessageId = new();
    private ulong _nextMessageId;

    public int Count => _byMessageId.Count;

    /// <summary>Gives <paramref name="pending"/> the next MessageId and waits for its answer; returns the id.</summary>
    public ulong Register(PendingRequest pending, int charge)
    {
        var id = _nextMessageId;
        _nextMessageId += (ulong)charge;
        _byMessageId[id] = pending;
        return id;
    }

    public bool TryGet(ulong messageId, out PendingRequest pending) => _byMessageId.TryGetValue(messageId, out pending!);

    /// <summary>Stops waiting for <paramref name="messageId"/>; false when it was no longer waited for.</summary>
    public bool Remove(ulong messageId) => _byMessageId.TryRemove(messageId, out _);

    /// <summary>Fails every request still waiting with <paramref name="failure"/>.</summary>
    public void FailAll(Exception failure)
    {
        foreach (var id in _byMessageId.Keys)
        {
            if (_byMessageId.TryRemove(id, out var pending))
            {
                pending.TrySetException(failure);
            }
        }
    }
}
