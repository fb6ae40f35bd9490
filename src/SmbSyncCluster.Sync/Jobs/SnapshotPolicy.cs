using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// When a job takes a snapshot: after every <c>interval</c> events, and when a run ends once the events
/// since the last snapshot record <c>itemThreshold</c> paths or more, so that a big run's records are
/// recovered from one compact snapshot instead of being replayed event by event. Events replayed at
/// recovery count as well as those persisted: a job whose every incarnation writes a few events (one
/// CLI sync per process) would otherwise never take one.
/// </summary>
public sealed class SnapshotPolicy(int interval, int itemThreshold = SnapshotPolicy.DefaultItemThreshold)
{
    /// <summary>Paths recorded since the last snapshot that make the end of a run take one.</summary>
    public const int DefaultItemThreshold = 1000;

    private int _events;
    private long _items;

    /// <summary>Counts an event replayed at recovery (after the snapshot recovery started from, if any).</summary>
    public void Replayed(IJobEvent e) => Count(e);

    /// <summary>Counts a persisted event; true when a snapshot is due after it, which restarts the count.</summary>
    public bool Persisted(IJobEvent e)
    {
        Count(e);
        if (_events < interval && !(e is RunFinished && _items >= itemThreshold))
        {
            return false;
        }
        _events = 0;
        _items = 0;
        return true;
    }

    private void Count(IJobEvent e)
    {
        _events++;
        if (e is ItemsSynced synced)
        {
            _items += synced.Changes.Count;
        }
    }
}
