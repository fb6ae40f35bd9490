using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Runs;

/// <summary>The steps of a run between scanning and executing: both scans against the base, to a plan.</summary>
public static class RunPlanning
{
    /// <summary>Files hashed at once in checksum mode.</summary>
    private const int HashParallelism = 4;

    /// <summary>The mtime tolerance of a pair of stores: the coarser of their precisions.</summary>
    public static TimeSpan Tolerance(IFileStore local, IFileStore remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        return local.TimestampPrecision > remote.TimestampPrecision ? local.TimestampPrecision : remote.TimestampPrecision;
    }

    /// <summary>
    /// Checksum mode's step before <see cref="Plan"/>: reads same-size files whose times differ on both
    /// sides (<see cref="ContentMatcher"/>), making identical ones agree in the scans, and files that may
    /// have moved with their time changed (<see cref="MovedContentMatcher"/>), for
    /// <see cref="PlanOptions.ContentMoves"/>. The times to align (<see cref="ContentMatcher.ApplyAsync"/>)
    /// are applied only once the plan is to be executed.
    /// </summary>
    public static async Task<ContentMatches> MatchContentAsync(
        TreeSnapshot baseState, ScanResult local, ScanResult remote, IFileStore localStore, IFileStore remoteStore, SyncMode mode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        var tolerance = Tolerance(localStore, remoteStore);
        var fixes = await ContentMatcher.MatchAsync(baseState, local.Tree, remote.Tree, (localStore, remoteStore),
            mode == SyncMode.Download ? SyncSide.Local : SyncSide.Remote, tolerance, HashParallelism, ct);
        var moves = await MovedContentMatcher.FindAsync(baseState, local.Tree, remote.Tree, (localStore, remoteStore),
            movedOn => mode.Writes(movedOn.Other()), tolerance, HashParallelism, ct);
        return new ContentMatches(fixes, moves);
    }

    /// <summary>
    /// Plans a run: subtrees a scan could not read are taken as unchanged (never as deleted), then the
    /// three-way detection with the stores' name rules and tolerance, then the planner with the base's
    /// file count for the max-delete guard. Reads <paramref name="baseState"/>, which must not change meanwhile.
    /// With a <paramref name="scope"/> (scans of only what changed), only the base's entries in it are compared:
    /// the rest of the tree is taken as synced. The guard still weighs deletions against every tracked file.
    /// </summary>
    public static SyncPlan Plan(
        TreeSnapshot baseState, ScanResult local, ScanResult remote, IFileStore localStore, IFileStore remoteStore, PlanOptions options, ScanScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(options);
        var known = scope is null ? baseState : scope.Within(baseState);
        UnreadableSubtrees.AssumeUnchanged(local.Tree, local.Unknown, known);
        UnreadableSubtrees.AssumeUnchanged(remote.Tree, remote.Unknown, known);
        var tolerance = Tolerance(localStore, remoteStore);
        var changes = ChangeDetector.Detect(known, local.Tree, remote.Tree, new DetectionOptions
        {
            MtimeTolerance = tolerance,
            LocalNames = localStore.Names,
            RemoteNames = remoteStore.Names,
            LocalNotFollowed = local.NotFollowed,
            RemoteNotFollowed = remote.NotFollowed,
        });
        return SyncPlanner.Plan(changes, options with
        {
            TrackedCount = baseState.FileCount,
            MtimeTolerance = tolerance,
            PathExists = options.PathExists ?? (p => local.Tree.Contains(p) || remote.Tree.Contains(p)),
        });
    }
}
