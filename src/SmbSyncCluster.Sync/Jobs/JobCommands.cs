using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>A request to a job, from the CLI, the HTTP front or remoting.</summary>
/// <param name="JobId">The job addressed.</param>
public abstract record JobCommand(string JobId);

/// <summary>Create the job or replace its spec.</summary>
/// <param name="Spec">The spec; its id is the job id.</param>
public sealed record DefineJob(JobSpec Spec) : JobCommand(Spec.Id);

/// <summary>Delete the job.</summary>
/// <param name="JobId">The job.</param>
public sealed record DeleteJob(string JobId) : JobCommand(JobId);

/// <summary>Start a run.</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The new run's id.</param>
/// <param name="At">When.</param>
/// <param name="DryRun">Plan only.</param>
/// <param name="Force">Run even when the max-delete guard trips.</param>
/// <param name="MaxDeletePercent">The guard's limit; null for the default.</param>
public sealed record StartRun(string JobId, string RunId, DateTimeOffset At, bool DryRun, bool Force = false, int? MaxDeletePercent = null) : JobCommand(JobId);

/// <summary>Pause, resume or stop the run in progress.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Control">What to do.</param>
/// <param name="At">When.</param>
public sealed record ControlRun(string JobId, RunControl Control, DateTimeOffset At) : JobCommand(JobId);

/// <summary>Why a command was refused; fronts map these to exit codes and HTTP statuses.</summary>
public enum JobRefusal
{
    /// <summary>Bad input (400).</summary>
    Invalid,
    /// <summary>No such job (404).</summary>
    NotFound,
    /// <summary>A run is in progress (409).</summary>
    Busy,
    /// <summary>No run to pause, resume or stop (409).</summary>
    NotRunning,
}

/// <summary>The outcome of <see cref="JobState.Decide"/>: events to persist, or a refusal.</summary>
/// <param name="Events">The events to persist and apply (empty when refused).</param>
/// <param name="Refusal">Why it was refused, or null.</param>
/// <param name="Reason">One line for the user when refused.</param>
public sealed record JobDecision(IReadOnlyList<IJobEvent> Events, JobRefusal? Refusal, string? Reason)
{
    /// <summary>Accepts with events.</summary>
    public static JobDecision Accept(params IJobEvent[] events) => new(events, null, null);

    /// <summary>Refuses with a reason.</summary>
    public static JobDecision Refuse(JobRefusal refusal, string reason) => new([], refusal, reason);
}
