using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>A job as <c>GET /api/jobs/{id}</c> returns it (and each <c>job</c> event of its stream).</summary>
/// <param name="Id">The job id.</param>
/// <param name="Spec">What the job syncs, and how.</param>
/// <param name="Status">idle, running, paused, completed or failed.</param>
/// <param name="Node">The address of the cluster member hosting the job.</param>
/// <param name="RunId">The run in progress, if any.</param>
/// <param name="Progress">That run's live progress, once it has reported any.</param>
/// <param name="LastRun">The last finished run, if any.</param>
/// <param name="TrackedPaths">Paths in the job's synced state.</param>
internal sealed record JobResource(
    string Id, JobSpec Spec, JobStatus Status, string? Node, string? RunId, SyncProgress? Progress, RunSummary? LastRun, int TrackedPaths);

/// <summary>The 202 answer to a sync, pause, resume or stop: the run it is about.</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run started or controlled.</param>
internal sealed record RunAccepted(string JobId, string RunId);
