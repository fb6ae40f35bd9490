using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>The order in which a plan's actions can run, and which of them can run together.</summary>
public static class ExecutionStages
{
    /// <summary>
    /// The actions that touch a store, grouped into stages run one after the other: the deletions of a
    /// case-only rename (<see cref="CaseRenames"/>), renames for conflict copies one at a time, directory
    /// creations and moves level by level from the top (by the depth of the path they put an entry at: a
    /// move's target directory exists before it, what is created in a moved directory comes after it),
    /// transfers, file deletions, then directory deletions level by level from the bottom. Members of a
    /// stage do not depend on each other and may run at once.
    /// </summary>
    public static IEnumerable<IReadOnlyList<SyncAction>> Of(IEnumerable<SyncAction> actions)
    {
        var work = actions.Where(a => a.Kind is not (SyncActionKind.Skip or SyncActionKind.RecordConverged or SyncActionKind.ForgetBase)).ToList();
        var renamed = CaseRenames.Of(work);
        foreach (var stage in Deletions(renamed))
        {
            yield return stage;
        }
        work.RemoveAll(renamed.Contains);

        // Renames for conflict copies must finish before transfers reuse the names; they are few, so one at a time.
        foreach (var rename in work.Where(a => a.Kind is SyncActionKind.RenameLocal or SyncActionKind.RenameRemote))
        {
            yield return [rename];
        }
        foreach (var level in work.Where(a => a.Kind is SyncActionKind.CreateLocalDirectory or SyncActionKind.CreateRemoteDirectory || a.IsMove())
                     .GroupBy(a => Depth(a.PlacedPath()!)).OrderBy(g => g.Key))
        {
            yield return [.. level];
        }
        yield return [.. work.Where(a => a.Kind is SyncActionKind.Upload or SyncActionKind.Download)];
        foreach (var stage in Deletions(work.Where(a => a.Kind is SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote)))
        {
            yield return stage;
        }
    }

    private static int Depth(string path) => path.Count(c => c == '/');

    /// <summary>Files at once, then directories level by level from the bottom.</summary>
    private static IEnumerable<IReadOnlyList<SyncAction>> Deletions(IEnumerable<SyncAction> deletions)
    {
        static bool IsDirectory(SyncAction a) => a.Expected is { Kind: EntryKind.Directory };
        var all = deletions.ToList();
        if (all.Count == 0)
        {
            yield break;
        }
        yield return [.. all.Where(a => !IsDirectory(a))];
        foreach (var level in all.Where(IsDirectory).GroupBy(a => Depth(a.Path)).OrderByDescending(g => g.Key))
        {
            yield return [.. level];
        }
    }
}
