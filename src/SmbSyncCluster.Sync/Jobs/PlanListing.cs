using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// A plan as a run's summary lists it, one entry per step under the wire name of its kind, so that a kind
/// the planner gains is listed as it is: what a dry run would do, or the deletions the max-delete guard held back.
/// </summary>
public static class PlanListing
{
    /// <summary>
    /// <paramref name="summary"/> with <paramref name="plan"/> listed (<see cref="RunSummary.Plan"/>) when it is a dry
    /// run's that planned, or the plan the guard refused; otherwise <paramref name="summary"/> as it is.
    /// </summary>
    public static RunSummary With(RunSummary summary, SyncPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var steps = plan switch
        {
            null => null,
            { IsRefused: true } => plan.Actions.Where(a => a.Kind is SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote).ToList(),
            _ when summary.DryRun && summary.Outcome is RunOutcome.Completed or RunOutcome.Failed => plan.Actions.Where(TouchesASide).ToList(),
            _ => null,
        };
        return steps is null ? summary : summary with { Plan = [.. steps.Take(RunSummary.MaxListedPlan).Select(Of)], Planned = steps.Count };
    }

    /// <summary>Every step but the base's own bookkeeping, which changes neither side.</summary>
    private static bool TouchesASide(SyncAction action) => action.Kind is not (SyncActionKind.RecordConverged or SyncActionKind.ForgetBase);

    private static PlannedAction Of(SyncAction action) => new(action.Path, action.Kind.WireName)
    {
        Target = action.TargetPath,
        Reason = action.Kind == SyncActionKind.Skip ? RunSummaries.KindOf(action.SkipReason).WireName : null,
    };
}
