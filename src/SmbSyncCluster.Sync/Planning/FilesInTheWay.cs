using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// A file/directory conflict left as is keeps a file on one side where the other has a directory:
/// nothing can be created under it on the file's side, so those placements become skips.
/// </summary>
internal static class FilesInTheWay
{
    /// <param name="actions">The plan so far; placements under a blocking file are replaced.</param>
    /// <param name="files">Paths of the files left in conflicts, by the side they are a file on.</param>
    public static void SkipPlacementsUnder(List<SyncAction> actions, IReadOnlyDictionary<SyncSide, HashSet<string>> files)
    {
        if (files.Values.All(paths => paths.Count == 0))
        {
            return;
        }
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (action.IsPlacement()
                && action.Writes() is { } side
                && BlockingAncestor(action.Path, files[side]) is { } file)
            {
                actions[i] = SideActions.Skip(action.Path, SkipReason.Conflict,
                    $"'{file}' is a file on the {side.Describe()} side and a directory on the other, and that conflict is left as is");
            }
        }
    }

    private static string? BlockingAncestor(string path, HashSet<string> files)
    {
        var lookup = files.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var parent = RelativePath.Parent(path); !parent.IsEmpty; parent = RelativePath.Parent(parent))
        {
            if (lookup.TryGetValue(parent, out var file))
            {
                return file;
            }
        }
        return null;
    }
}
