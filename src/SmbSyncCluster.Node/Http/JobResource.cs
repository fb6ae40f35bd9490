using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Reports;

namespace SmbSyncCluster.Node.Http;

/// <summary>A job as <c>GET /api/jobs/{id}</c> returns it.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Spec">Its spec (never a password: specs name credentials).</param>
/// <param name="Status">idle, running, paused, completed or failed.</param>
/// <param name="Node">The address of the cluster member hosting the job.</param>
/// <param name="RunId">The run in progress, if any.</param>
/// <param name="Progress">Its live progress, once it has reported any.</param>
/// <param name="LastRun">The last finished run.</param>
/// <param name="TrackedPaths">Paths in the job's synced state.</param>
/// <param name="NextRunAt">When its schedule starts the next run, if it has one.</param>
public sealed record JobResource(
    string Id, JobSpec Spec, JobStatus Status, string? Node, string? RunId, SyncProgress? Progress, RunReport? LastRun, int TrackedPaths,
    DateTimeOffset? NextRunAt = null)
{
    /// <summary>The resource of an existing job's view.</summary>
    public static JobResource From(JobView view) => new(
        view.JobId,
        (view.Spec ?? throw new ArgumentException($"job {view.JobId} does not exist", nameof(view))).Masked(),
        view.Status,
        view.Node,
        view.RunId,
        view.Progress,
        view.LastRun is { } last ? RunReport.From(view.JobId, last) : null,
        view.TrackedPaths,
        view.NextRunAt);
}

/// <summary>The answer to a sync, pause, resume or stop: the job and the run concerned.</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run started or controlled.</param>
public sealed record RunAccepted(string JobId, string? RunId);
