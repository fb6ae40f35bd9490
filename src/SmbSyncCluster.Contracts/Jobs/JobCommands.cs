using System.Text.Json.Serialization;

namespace SmbSyncCluster.Contracts;

/// <summary>A request to a job, from the CLI, the HTTP front or remoting.</summary>
/// <param name="JobId">The job addressed.</param>
public abstract record JobCommand(string JobId);

/// <summary>What a <see cref="DefineJob"/> expects to find.</summary>
public enum DefineIntent
{
    /// <summary>Create the job or replace its spec (the one-shot CLI).</summary>
    Upsert,
    /// <summary>Create a new job; refused when the id is taken (POST /api/jobs).</summary>
    Create,
    /// <summary>Replace the spec of an existing job; refused when there is none (PUT /api/jobs/{id}).</summary>
    Update,
}

/// <summary>
/// Create the job or replace its spec. While a run is in progress only the worker count and the
/// schedule may change; a new worker count resizes the running transfer pool.
/// </summary>
/// <param name="Spec">The spec; its id is the job id.</param>
/// <param name="Intent">Whether the job must be new, must exist, or either.</param>
[JsonConverter(typeof(DefineJobJson))]
public sealed record DefineJob(JobSpec Spec, DefineIntent Intent = DefineIntent.Upsert) : JobCommand(Spec.Id)
{
    /// <summary>
    /// What could not be read into <see cref="Spec"/> when the command arrived as JSON (a mode or conflict
    /// policy naming none, as from a client of a later version); the job refuses the command with these
    /// and the spec's other problems, as the HTTP front does. Never sent.
    /// </summary>
    public IReadOnlyList<JobSpecError> ReadProblems { get; init; } = [];
}

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
public sealed record StartRun(string JobId, string RunId, DateTimeOffset At, bool DryRun, bool Force = false, int? MaxDeletePercent = null) : JobCommand(JobId)
{
    /// <summary>A run id from its start time: "r20261125-200102-123" for a run someone asked for, "s..." for one its schedule started.</summary>
    public static string NewRunId(DateTimeOffset at, bool scheduled = false) =>
        (scheduled ? "s" : "r") + at.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Pause, resume or stop the run in progress.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Control">What to do.</param>
/// <param name="At">When.</param>
public sealed record ControlRun(string JobId, RunControl Control, DateTimeOffset At) : JobCommand(JobId);

/// <summary>What a user may ask of a running job.</summary>
public enum RunControl
{
    /// <summary>Stop starting new actions; keep what is done.</summary>
    Pause,
    /// <summary>Go on after a pause.</summary>
    Resume,
    /// <summary>End the run; what is done stays recorded.</summary>
    Stop,
}

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
    /// <summary>Another job already syncs the same two directories (409).</summary>
    PairTaken,
}
