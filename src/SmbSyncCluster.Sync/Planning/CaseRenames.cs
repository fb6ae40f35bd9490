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
    /// <summary>The deletions among <paramref name="actions"/> that a placement on the same side names again in another case.</summary>
    public static HashSet<SyncAction> Of(IReadOnlyCollection<SyncAction> actions)
    {
        var placed = new Dictionary<SyncSide, Dictionary<string, string>>
        {
            [SyncSide.Local] = new(StringComparer.OrdinalIgnoreCase),
            [SyncSide.Remote] = new(StringComparer.OrdinalIgnoreCase),
        };
        foreach (var action in actions.Where(a => a.IsPlacement()))
        {
            placed[action.Writes()!.Value].TryAdd(action.Path, action.Path);
        }
        var deletions = new HashSet<SyncAction>(ReferenceEqualityComparer.Instance);
        foreach (var action in actions.Where(a => a.Kind is SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote))
        {
            if (placed[action.Writes()!.Value].TryGetValue(action.Path, out var other) && !string.Equals(other, action.Path, StringComparison.Ordinal))
            {
                deletions.Add(action);
            }
        }
        return deletions;
    }
}
