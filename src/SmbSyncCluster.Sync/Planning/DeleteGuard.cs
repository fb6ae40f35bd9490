using System.Globalization;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// The max-delete guard: a run that would delete a large share of the tracked files on one side is
/// more likely an unmounted disk or a wrong path than a user's intent, so it is refused unless forced.
/// </summary>
internal static class DeleteGuard
{
    public static string? Check(SyncPlanSummary summary, PlanOptions options)
    {
        if (options.Force || options.TrackedCount <= 0)
        {
            return null;
        }
        return Check(summary.DeletesLocal, SyncSide.Local, options) ?? Check(summary.DeletesRemote, SyncSide.Remote, options);
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
