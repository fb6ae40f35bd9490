using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>Run to job: items that ended, for the job to persist (successes as base changes, failures as errors).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Changes">Base changes of the succeeded items.</param>
/// <param name="Bytes">Bytes those items copied.</param>
/// <param name="Counts">Files they copied and deleted.</param>
/// <param name="Errors">Items that failed for good.</param>
public sealed record ItemBatch(string RunId, IReadOnlyList<BaseChange> Changes, long Bytes, FileCounts Counts, IReadOnlyList<RunError> Errors);

/// <summary>Run to job: where the run is.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Progress">Phase, counts, rate, ETA.</param>
public sealed record RunProgressed(string RunId, SyncProgress Progress);

/// <summary>Run to job: the run is over; every batch it produced was sent before this.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Plan">The plan it executed, or null when it ended before planning.</param>
/// <param name="AbortReason">Why it was aborted, or null.</param>
/// <param name="Stopped">True when it ended because it was asked to stop (<see cref="DrainRun"/>).</param>
/// <param name="LocalIssues">What the local scan could not take in (unreadable directories, links), if it ran.</param>
/// <param name="RemoteIssues">The same of the remote scan.</param>
/// <param name="Notes">What opening the stores told (a root directory created), if they opened.</param>
public sealed record RunEnded(
    string RunId, SyncPlan? Plan, string? AbortReason, bool Stopped = false,
    IReadOnlyList<ScanIssue>? LocalIssues = null, IReadOnlyList<ScanIssue>? RemoteIssues = null, IReadOnlyList<string>? Notes = null);

/// <summary>Job to run: stop starting new actions (those in flight finish).</summary>
public sealed record PauseRun
{
    /// <summary>The message.</summary>
    public static PauseRun Instance { get; } = new();
}

/// <summary>Job to run: go on after a pause.</summary>
public sealed record ResumeRun
{
    /// <summary>The message.</summary>
    public static ResumeRun Instance { get; } = new();
}

/// <summary>
/// Job to run, and run to executor, when the job's worker count changed while the run is in progress:
/// run this many transfers at once from now on (those in flight go on either way).
/// </summary>
/// <param name="Workers">The new worker count.</param>
public sealed record ResizeRun(int Workers);

/// <summary>
/// Job to run, when a user stopped it: start nothing more, cancel what is in flight, send what ended,
/// then end with <see cref="RunEnded"/> (stopped). The run stays the job's run until then, so no other
/// run starts while a late write of this one could land under its scan.
/// </summary>
public sealed record DrainRun
{
    /// <summary>The message.</summary>
    public static DrainRun Instance { get; } = new();
}

/// <summary>Executor to run: after <see cref="DrainRun"/>, nothing is in flight any more and every ended item was sent.</summary>
public sealed record RunDrained
{
    /// <summary>The message.</summary>
    public static RunDrained Instance { get; } = new();
}
