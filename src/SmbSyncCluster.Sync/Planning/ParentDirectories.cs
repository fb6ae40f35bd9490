using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Makes sure every entry a plan creates (or moves to) on a side has its parent directories there. A directory
/// deleted on one side is left alone when nothing else needs it (in a one-way mode, say), but a
/// modification below it that wins over the deletion, or a new entry below it, needs it back.
/// </summary>
internal static class ParentDirectories
{
    public static void AddMissing(List<SyncAction> actions, IReadOnlyList<Change> changes)
    {
        // Only a directory present on one side and absent on the other can be missing as a parent:
        // a parent absent from both sides would mean the child has no parent on its own side either.
        var oneSided = changes
            .Where(c => (c.Local is null) != (c.Remote is null) && (c.Local ?? c.Remote) is { IsFile: false })
            .ToDictionary(c => c.Path, StringComparer.Ordinal);
        if (oneSided.Count == 0)
        {
            return;
        }
        var lookup = oneSided.GetAlternateLookup<ReadOnlySpan<char>>();
        var created = new Dictionary<SyncSide, HashSet<string>>
        {
            [SyncSide.Local] = new(StringComparer.Ordinal),
            [SyncSide.Remote] = new(StringComparer.Ordinal),
        };
        var placements = actions.Where(a => a.PlacedPath() is not null).ToList();
        foreach (var action in placements.Where(a => a.Kind is SyncActionKind.CreateLocalDirectory or SyncActionKind.CreateRemoteDirectory))
        {
            created[action.Writes()!.Value].Add(action.Path);
        }
        foreach (var action in placements)
        {
            var side = action.Writes()!.Value;
            for (var parent = RelativePath.Parent(action.PlacedPath()); !parent.IsEmpty; parent = RelativePath.Parent(parent))
            {
                if (lookup.TryGetValue(parent, out var change) && change.On(side) is null && created[side].Add(change.Path))
                {
                    actions.Add(SideActions.Place(side, change.Path, change.On(side.Other())!.Value, replaces: null));
                }
            }
        }
    }
}
