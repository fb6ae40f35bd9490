using Akka.Actor;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Cluster.Runs;

// The messages between the actors of one run, by direction. A run lives inside its job's process
// (a child of the JobActor), so none of these crosses nodes: they carry live objects (trees, plans,
// actor refs) and have no serializer binding. What a job says to the world is in Contracts.
//
//   JobActor ──RunOrder (props), PauseRun, ResumeRun, ResizeRun, DrainRun──▶ RunActor
//   RunActor ──ItemBatch, RunProgressed, RunEnded──────────────────────────▶ JobActor
//   ScannerActor ──ScanCompleted──▶ RunActor
//   RunActor ──DetectChanges──▶ DetectorActor ──ChangesPlanned──▶ RunActor
//   RunActor ──PauseRun, ResumeRun, ResizeRun, DrainRun──▶ ExecutorActor
//   ExecutorActor ──ItemBatch, RunProgressed, ExecutionFinished, RunDrained──▶ RunActor
//   ExecutorActor ──Transfer──▶ TransferWorker ──TransferSucceeded, TransferCancelled──▶ ExecutorActor
//   worker pool's supervisor ──TransferRetry, TransferFailed──▶ ExecutorActor

// ---- Job to run: what to run, and the user's controls while it runs (the run tells its executor the controls too).

/// <summary>What a run needs to know of its job (given to the run when the job creates it).</summary>
/// <param name="Spec">The job's spec.</param>
/// <param name="RunId">The run.</param>
/// <param name="DryRun">Plan only.</param>
/// <param name="Force">Override the max-delete guard.</param>
/// <param name="MaxDeletePercent">The guard's limit, null for the default.</param>
/// <param name="Paused">Start paused (a paused run resumed after a restart).</param>
/// <param name="Scope">Scan, detect and plan only there (what watchers saw change); null for the whole tree.</param>
public sealed record RunOrder(JobSpec Spec, string RunId, bool DryRun, bool Force, int? MaxDeletePercent, bool Paused, ScanScope? Scope = null);

/// <summary>Job to run, run to executor: stop starting new actions (those in flight finish).</summary>
public sealed record PauseRun
{
    /// <summary>The message.</summary>
    public static PauseRun Instance { get; } = new();
}

/// <summary>Job to run, run to executor: go on after a pause.</summary>
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
/// Job to run, and run to executor, when a user stopped it: start nothing more, cancel what is in flight,
/// send what ended, then end with <see cref="RunEnded"/> (stopped). The run stays the job's run until then,
/// so no other run starts while a late write of this one could land under its scan.
/// </summary>
public sealed record DrainRun
{
    /// <summary>The message.</summary>
    public static DrainRun Instance { get; } = new();
}

// ---- Run to job (the executor's batches and progress pass through the run unchanged).

/// <summary>Run to job: items that ended, for the job to persist (successes as base changes, failures as errors).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Changes">Base changes of the succeeded items.</param>
/// <param name="Bytes">Bytes those items copied.</param>
/// <param name="Counts">Files they copied and deleted.</param>
/// <param name="Errors">Items that failed for good.</param>
public sealed record ItemBatch(string RunId, IReadOnlyList<BaseChange> Changes, long Bytes, FileCounts Counts, IReadOnlyList<RunError> Errors);

/// <summary>
/// Run to job: where the run is. Sent at each phase change and, while executing, at most once per
/// <see cref="ExecutorOptions.ProgressInterval"/> (and once when the last action ended).
/// </summary>
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

// ---- Scanner to run.

/// <summary>Scanner to run: one side's tree.</summary>
/// <param name="Side">Which side.</param>
/// <param name="Result">The tree and what could not be read.</param>
public sealed record ScanCompleted(SyncSide Side, ScanResult Result);

// ---- Run and detector.

/// <summary>Run to detector: compare both scans with the base and plan.</summary>
/// <param name="Base">The job's base; nothing changes it until the plan is back.</param>
/// <param name="Local">The local scan.</param>
/// <param name="Remote">The remote scan.</param>
/// <param name="Stores">The stores (their precision and name rules; read in checksum mode).</param>
/// <param name="Options">Mode, policy, guard.</param>
/// <param name="Checksum">Compare same-size files by content first.</param>
/// <param name="DryRun">Plan only: change nothing, not even the times checksum mode aligns.</param>
/// <param name="Scope">What the scans covered, when not the whole tree.</param>
public sealed record DetectChanges(
    TreeSnapshot Base, ScanResult Local, ScanResult Remote, JobStores Stores, PlanOptions Options, bool Checksum, bool DryRun, ScanScope? Scope = null);

/// <summary>Detector to run: the plan.</summary>
/// <param name="Plan">The plan (possibly refused by the max-delete guard).</param>
public sealed record ChangesPlanned(SyncPlan Plan);

// ---- Executor to run: how the execution ended.

/// <summary>Executor to run: every action ended and every batch was sent.</summary>
public sealed record ExecutionFinished
{
    /// <summary>The message.</summary>
    public static ExecutionFinished Instance { get; } = new();
}

/// <summary>Executor to run: after <see cref="DrainRun"/>, nothing is in flight any more and every ended item was sent.</summary>
public sealed record RunDrained
{
    /// <summary>The message.</summary>
    public static RunDrained Instance { get; } = new();
}

// ---- Executor and its transfer workers (and the workers' supervisor, RunSupervision.ForTransferWorkers).

/// <summary>Executor to worker: run one attempt of an action and answer <paramref name="ReplyTo"/>.</summary>
/// <param name="Action">The action.</param>
/// <param name="Attempt">1 for the first try.</param>
/// <param name="ReplyTo">The executor.</param>
public sealed record Transfer(SyncAction Action, int Attempt, IActorRef ReplyTo);

/// <summary>Worker to executor: the action succeeded.</summary>
/// <param name="Action">The action.</param>
/// <param name="Effect">What it did.</param>
public sealed record TransferSucceeded(SyncAction Action, ActionEffect Effect);

/// <summary>Worker to executor: the attempt ended because the run is stopping; nothing to record.</summary>
/// <param name="Action">The action.</param>
public sealed record TransferCancelled(SyncAction Action);

/// <summary>Supervisor to executor: the attempt failed with a transient error and the worker was restarted; try again after a backoff.</summary>
/// <param name="Transfer">The attempt that failed.</param>
public sealed record TransferRetry(Transfer Transfer);

/// <summary>Supervisor to executor: the action failed for good (item error, or transient after the last attempt).</summary>
/// <param name="Failure">The action, the error's class and message.</param>
public sealed record TransferFailed(ItemFailure Failure);
