namespace SmbSyncCluster.Contracts;

/// <summary>Asks a job for its current view.</summary>
/// <param name="JobId">The job.</param>
public sealed record GetJob(string JobId);

/// <summary>
/// Subscribes the sender to a job's view: the job answers with its current view at once, then sends
/// each new one (at every change of its definition or run state at once, progress at most a few
/// times a second), until the sender terminates. Sending it again while subscribed only answers the
/// current view.
/// </summary>
/// <param name="JobId">The job.</param>
public sealed record SubscribeJob(string JobId);

/// <summary>Asks a job for its finished runs.</summary>
/// <param name="JobId">The job.</param>
public sealed record GetJobHistory(string JobId);

/// <summary>Asks for every job that exists (defined and not deleted), wherever it runs.</summary>
public sealed record ListJobs
{
    /// <summary>The query.</summary>
    public static ListJobs Instance { get; } = new();
}

/// <summary>The jobs that exist, by id.</summary>
/// <param name="Jobs">Their views, ordered by id.</param>
public sealed record JobList(IReadOnlyList<JobView> Jobs);

/// <summary>A job's finished runs, oldest first.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Runs">The last 50 at most.</param>
public sealed record JobHistory(string JobId, IReadOnlyList<RunSummary> Runs);

/// <summary>A command was accepted and its events persisted.</summary>
/// <param name="JobId">The job.</param>
public sealed record CommandAccepted(string JobId);

/// <summary>A command was refused; nothing was persisted.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Refusal">Why, for the fronts' status codes.</param>
/// <param name="Reason">One line for the user.</param>
/// <param name="Field">The spec field at fault (e.g. "remote"), when the refusal is about one.</param>
/// <param name="Problems">Every problem of an invalid spec, all at once (<paramref name="Reason"/> and
/// <paramref name="Field"/> are the first); null for other refusals.</param>
public sealed record CommandRefused(string JobId, JobRefusal Refusal, string Reason, string? Field = null, IReadOnlyList<JobSpecError>? Problems = null);

/// <summary>What a job looks like now.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Spec">Its spec, null when it does not exist.</param>
/// <param name="Status">idle, running, paused, completed or failed.</param>
/// <param name="RunId">The run in progress, if any.</param>
/// <param name="Progress">The live progress of the run in progress, when it has reported any.</param>
/// <param name="LastRun">The last finished run, if any.</param>
/// <param name="TrackedPaths">Paths in the base.</param>
/// <param name="Node">The address of the cluster member hosting the job.</param>
/// <param name="NextRunAt">When the job's schedule starts its next run, if it has one.</param>
/// <param name="Version">The journal position the view reflects: of two views of a job, the higher is the newer.</param>
public sealed record JobView(
    string JobId, JobSpec? Spec, JobStatus Status, string? RunId, SyncProgress? Progress, RunSummary? LastRun, int TrackedPaths,
    string? Node = null, DateTimeOffset? NextRunAt = null, long Version = 0);
