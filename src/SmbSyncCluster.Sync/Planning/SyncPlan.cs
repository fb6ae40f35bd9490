namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// The ordered steps of one run. A dry run shows it; a real run executes it in order unless it is
/// refused. Order: renames for conflict copies, file deletions, directory deletions deepest first,
/// directory creations parent first with the moves among them, deletions of directories moves emptied,
/// transfers, skips, then the base-only bookkeeping.
/// </summary>
/// <param name="Actions">The steps, in the order they may be executed.</param>
/// <param name="Summary">Counts of what the steps do.</param>
/// <param name="Refusal">Why the run must not execute (the max-delete guard), or null.</param>
public sealed record SyncPlan(IReadOnlyList<SyncAction> Actions, SyncPlanSummary Summary, string? Refusal)
{
    /// <summary>Whether the run must not execute the plan.</summary>
    public bool IsRefused => Refusal is not null;
}
