using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// The deletions that only make room for the same name in another case: "Report.txt" deleted on the side
/// where "report.txt" is placed, as a case-only rename gives. On a side that does not tell names apart by
/// case the new name cannot be placed while the old one is there, so these deletions run before the
/// placements (<see cref="Execution.ExecutionStages"/>); and the content is placed again in the same run,
/// so the max-delete guard does not count them.
/// </summary>
internal static class CaseRenames
{
    /// <summary>The deletions among <paramref name="actions"/> that a placement (or a move's target) on the same side names again in another case.</summary>
    /// <remarks>Indexes the deletions, not the placements: a first sync places millions of paths and deletes none.</remarks>
    public static HashSet<SyncAction> Of(IReadOnlyCollection<SyncAction> actions)
    {
        var renamed = new HashSet<SyncAction>(ReferenceEqualityComparer.Instance);
        var deleted = new Dictionary<SyncSide, Dictionary<string, List<SyncAction>>>();
        foreach (var action in actions.Where(a => a.Kind is SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote))
        {
            var side = action.Writes()!.Value;
            if (!deleted.TryGetValue(side, out var paths))
            {
                deleted[side] = paths = new Dictionary<string, List<SyncAction>>(StringComparer.OrdinalIgnoreCase);
            }
            if (!paths.TryGetValue(action.Path, out var same))
            {
                paths[action.Path] = same = [];
            }
            same.Add(action);
        }
        if (deleted.Count == 0)
        {
            return renamed;
        }
        foreach (var placement in actions.Where(a => a.PlacedPath() is not null))
        {
            var placed = placement.PlacedPath()!;
            if (deleted.TryGetValue(placement.Writes()!.Value, out var paths) && paths.TryGetValue(placed, out var same))
            {
                renamed.UnionWith(same.Where(d => !string.Equals(d.Path, placed, StringComparison.Ordinal)));
            }
        }
        return renamed;
    }
}
