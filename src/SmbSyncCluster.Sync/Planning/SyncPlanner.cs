using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Turns detected changes into an ordered plan for a mode and a conflict policy, and applies the
/// max-delete guard. The plan is the whole dry run; executing it is someone else's job.
/// </summary>
/// <remarks>
/// Modes: mirror writes both sides. Upload pushes local changes (additions, modifications,
/// deletions) and never writes the local side: remote-only changes are left for a later run, a
/// local deletion of a file changed on the remote is skipped, and a conflict is resolved toward the
/// local version unless the policy picks the remote one, in which case it is skipped. Under
/// keep-both the remote version is then kept on the remote only, as a conflict copy. Download is
/// the mirror image.
/// A file never replaces a directory nor the reverse: under every policy but skip the directory
/// keeps the name and the file becomes the conflict copy.
/// A rename or move made on one side is carried out as a rename on the other (<see cref="MoveDetection"/>)
/// when the mode writes that side.
/// </remarks>
public static class SyncPlanner
{
    /// <summary>The plan for <paramref name="changes"/>.</summary>
    /// <param name="changes">What <see cref="ChangeDetector.Detect"/> found.</param>
    /// <param name="options">Mode, conflict policy, guard settings and the conflict-copy time.</param>
    public static SyncPlan Plan(IReadOnlyList<Change> changes, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(options);
        var (moves, rest) = MoveDetection.Find(changes, options);
        var actions = PlanOrder.Sort(new ChangePlanner(rest, moves, options).Plan());
        var summary = Summarize(changes, actions);
        return new SyncPlan(actions, summary, DeleteGuard.Check(summary, CaseRenames.Of(actions), options));
    }

    private static SyncPlanSummary Summarize(IReadOnlyList<Change> changes, List<SyncAction> actions)
    {
        int uploads = 0, downloads = 0, deletesLocal = 0, deletesRemote = 0, skipped = 0, unrepresentable = 0, moved = 0;
        long uploadBytes = 0, downloadBytes = 0;
        foreach (var action in actions)
        {
            var isFile = action.Expected is { IsFile: true };
            switch (action.Kind)
            {
                case SyncActionKind.Upload:
                    uploads++;
                    uploadBytes += action.Size;
                    break;
                case SyncActionKind.Download:
                    downloads++;
                    downloadBytes += action.Size;
                    break;
                case SyncActionKind.DeleteLocal when isFile:
                    deletesLocal++;
                    break;
                case SyncActionKind.DeleteRemote when isFile:
                    deletesRemote++;
                    break;
                case SyncActionKind.Skip when action.SkipReason == SkipReason.Unrepresentable:
                    unrepresentable++;
                    break;
                case SyncActionKind.Skip:
                    skipped++;
                    break;
                case SyncActionKind.MoveLocal or SyncActionKind.MoveRemote:
                    moved += action.MovedFiles;
                    break;
            }
        }
        var conflicts = changes.Count(c => c.Kind == ChangeKind.Conflict);
        return new SyncPlanSummary(uploads, downloads, deletesLocal, deletesRemote, conflicts, skipped, unrepresentable, uploadBytes, downloadBytes)
        {
            Moved = moved,
        };
    }
}
