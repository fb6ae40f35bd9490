using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Detection;

/// <summary>
/// Three-way change detection: compares each path's local and remote state with its base (the state
/// last synced) and says what happened to it. Unchanged paths produce nothing, so the result is
/// proportional to the changes while the work is one pass over each snapshot.
/// </summary>
public static class ChangeDetector
{
    /// <summary>
    /// Every path that differs between base, local and remote, in no particular order. Paths about
    /// to be created on a side that cannot hold their name come out as
    /// <see cref="ChangeKind.UnrepresentableOnRemote"/> or <see cref="ChangeKind.UnrepresentableOnLocal"/>.
    /// </summary>
    /// <param name="baseState">The state last synced; empty on a first run.</param>
    /// <param name="local">The local scan.</param>
    /// <param name="remote">The remote scan.</param>
    /// <param name="options">Time tolerance and name rules.</param>
    public static IReadOnlyList<Change> Detect(TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote, DetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(options);
        var tolerance = options.MtimeTolerance.Ticks;
        var changes = new List<Change>();

        void Judge(string path, bool hasBase, EntryState b, bool hasLocal, EntryState l, bool hasRemote, EntryState r)
        {
            if (Classify(hasBase, b, hasLocal, l, hasRemote, r, tolerance) is not { } kind)
            {
                return;
            }
            changes.Add(new Change(path, kind, hasBase ? b : null, hasLocal ? l : null, hasRemote ? r : null));
        }

        // Every snapshot places a path by the same hash, so the base hash finds it on both sides, and
        // the slots found are marked: the later passes over each side only look up what the base
        // lacks, and are skipped when a side has nothing the base lacks.
        var localSeen = new bool[local.SlotCount];
        var remoteSeen = new bool[remote.SlotCount];
        int localFound = 0, remoteFound = 0;
        for (var slot = 0; slot < baseState.SlotCount; slot++)
        {
            if (baseState.KeyAt(slot) is not { } path)
            {
                continue;
            }
            var hash = baseState.HashAt(slot);
            var l = Lookup(local, path, hash, localSeen, ref localFound);
            var r = Lookup(remote, path, hash, remoteSeen, ref remoteFound);
            Judge(path, true, baseState.StateAt(slot), l >= 0, l >= 0 ? local.StateAt(l) : default, r >= 0, r >= 0 ? remote.StateAt(r) : default);
        }
        for (var slot = 0; localFound < local.Count && slot < local.SlotCount; slot++)
        {
            if (local.KeyAt(slot) is { } path && !localSeen[slot])
            {
                localFound++;
                var r = Lookup(remote, path, local.HashAt(slot), remoteSeen, ref remoteFound);
                Judge(path, false, default, true, local.StateAt(slot), r >= 0, r >= 0 ? remote.StateAt(r) : default);
            }
        }
        for (var slot = 0; remoteFound < remote.Count && slot < remote.SlotCount; slot++)
        {
            if (remote.KeyAt(slot) is { } path && !remoteSeen[slot])
            {
                remoteFound++;
                Judge(path, false, default, false, default, true, remote.StateAt(slot));
            }
        }

        var trees = new DetectedTrees(baseState, local, remote, tolerance);
        UnrepresentableNames.Mark(changes, SyncSide.Remote, options.RemoteNames, options.RemoteNotFollowed, trees);
        UnrepresentableNames.Mark(changes, SyncSide.Local, options.LocalNames, options.LocalNotFollowed, trees);
        return changes;
    }

    private static int Lookup(TreeSnapshot snapshot, string path, int hash, bool[] seen, ref int found)
    {
        var slot = snapshot.Find(path, hash);
        if (slot >= 0)
        {
            seen[slot] = true;
            found++;
        }
        return slot;
    }

    private static ChangeKind? Classify(bool hasBase, EntryState b, bool hasLocal, EntryState l, bool hasRemote, EntryState r, long tolerance)
    {
        var localKept = hasBase && hasLocal && l.SameAs(b, tolerance);
        var remoteKept = hasBase && hasRemote && r.SameAs(b, tolerance);
        if (hasLocal && hasRemote)
        {
            if (l.SameAs(r, tolerance))
            {
                return localKept && remoteKept ? null : ChangeKind.Converged;
            }
            if (l.Kind != r.Kind)
            {
                return ChangeKind.Conflict;
            }
            return localKept ? ChangeKind.RemoteModified
                : remoteKept ? ChangeKind.LocalModified
                : ChangeKind.Conflict;
        }
        if (hasLocal)
        {
            return !hasBase ? ChangeKind.LocalAdded
                : localKept ? ChangeKind.RemoteDeleted
                : ChangeKind.LocalModifiedRemoteDeleted;
        }
        if (hasRemote)
        {
            return !hasBase ? ChangeKind.RemoteAdded
                : remoteKept ? ChangeKind.LocalDeleted
                : ChangeKind.RemoteModifiedLocalDeleted;
        }
        return hasBase ? ChangeKind.DeletedOnBoth : null;
    }
}
