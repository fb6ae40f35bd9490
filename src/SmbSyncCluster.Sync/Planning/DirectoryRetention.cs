using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Decides which directories deleted on one side may really be deleted on the other: only those
/// under which nothing remains there once the rest of the plan has run. Everything under such a
/// directory is itself a change (the side that deleted it has none of its content), so looking at
/// the changes and their actions is enough; the trees are not needed.
/// </summary>
internal static class DirectoryRetention
{
    /// <summary>The <paramref name="candidates"/> on <paramref name="side"/> that still hold something after <paramref name="actions"/>.</summary>
    public static HashSet<string> Kept(SyncSide side, IReadOnlyCollection<string> candidates, IReadOnlyList<Change> changes, IReadOnlyList<SyncAction> actions)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        if (candidates.Count == 0)
        {
            return kept;
        }
        var candidateSet = new HashSet<string>(candidates, StringComparer.Ordinal);
        var lookup = candidateSet.GetAlternateLookup<ReadOnlySpan<char>>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = new List<string>();
        foreach (var action in actions)
        {
            if (action.IsMove() && action.Writes() != side)
            {
                // Moved there by the user: the target is on this side, where the move's changes no longer say so.
                remaining.Add(action.TargetPath!);
                continue;
            }
            if (action.Writes() != side)
            {
                continue;
            }
            switch (action.Kind)
            {
                case SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote:
                    removed.Add(action.Path);
                    break;
                case SyncActionKind.RenameLocal or SyncActionKind.RenameRemote or SyncActionKind.MoveLocal or SyncActionKind.MoveRemote:
                    removed.Add(action.Path);
                    remaining.Add(action.TargetPath!);
                    break;
                default:
                    remaining.Add(action.Path);
                    break;
            }
        }
        remaining.AddRange(changes
            .Where(c => c.On(side) is not null && !removed.Contains(c.Path) && !candidateSet.Contains(c.Path))
            .Select(c => c.Path));
        foreach (var path in remaining)
        {
            for (var parent = RelativePath.Parent(path); !parent.IsEmpty; parent = RelativePath.Parent(parent))
            {
                if (lookup.TryGetValue(parent, out var directory) && !kept.Add(directory))
                {
                    // Its ancestors were marked when it was.
                    break;
                }
            }
        }
        return kept;
    }
}
