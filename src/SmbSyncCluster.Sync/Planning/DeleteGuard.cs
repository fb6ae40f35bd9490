using System.Globalization;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// The max-delete guard: a run that would delete a large share of the tracked files on one side is
/// more likely an unmounted disk or a wrong path than a user's intent, so it is refused unless forced.
/// The deletions of a case-only rename do not count: the same files are placed again under the new case.
/// </summary>
internal static class DeleteGuard
{
    public static string? Check(SyncPlanSummary summary, IReadOnlyCollection<SyncAction> caseRenames, PlanOptions options)
    {
        if (options.Force || options.TrackedCount <= 0)
        {
            return null;
        }
        int Renamed(SyncActionKind kind) => caseRenames.Count(a => a.Kind == kind && a.Expected is { IsFile: true });
        return Check(summary.DeletesLocal - Renamed(SyncActionKind.DeleteLocal), SyncSide.Local, options)
            ?? Check(summary.DeletesRemote - Renamed(SyncActionKind.DeleteRemote), SyncSide.Remote, options);
    }

    private static string? Check(int deletes, SyncSide side, PlanOptions options)
    {
        var tracked = options.TrackedCount;
        var overLimit = (long)deletes * 100 > (long)options.MaxDeletePercent * tracked;
        var trips = overLimit && (deletes > options.DeleteGuardMinimum || deletes >= tracked);
        return trips
            ? string.Create(CultureInfo.InvariantCulture,
                $"the run would delete {deletes} of {tracked} tracked files on the {side.Describe()} side, more than the {options.MaxDeletePercent}% limit; check both paths, or use --force")
            : null;
    }
}
