using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// What a scan could not read, or did not follow, must not read as deleted. For each directory a side
/// could not list, and each entry it did not follow (a directory replaced by a symbolic link to where
/// it was moved, say), the base entries at and under it are put back into that side's snapshot as they
/// were last synced, so nothing there is deleted on the other side; a real change in there is left for
/// a later run (and the executor's checks keep the other side's transfers from overwriting it).
/// </summary>
public static class UnreadableSubtrees
{
    /// <summary>Fills <paramref name="scanned"/> from <paramref name="baseState"/> at and under every unknown path.</summary>
    public static void AssumeUnchanged(TreeSnapshot scanned, IReadOnlySet<string> unreadable, TreeSnapshot baseState)
    {
        ArgumentNullException.ThrowIfNull(scanned);
        ArgumentNullException.ThrowIfNull(unreadable);
        ArgumentNullException.ThrowIfNull(baseState);
        if (unreadable.Count == 0)
        {
            return;
        }
        foreach (var (path, state) in baseState)
        {
            if (!scanned.Contains(path) && RelativePath.SelfOrAncestorIn(path, unreadable) is not null)
            {
                scanned.Add(path, state);
            }
        }
    }
}
