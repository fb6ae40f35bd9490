using System.Text.Json.Serialization;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs.Events;

/// <summary>The job was created or its spec replaced.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Spec">The spec (never with a password: specs name credentials).</param>
/// <param name="At">When, by the hosting node's clock: a schedule counts from it (omitted in rows written before schedules, which read as unknown).</param>
public sealed record JobDefined(string JobId, JobSpec Spec, DateTimeOffset? At = null) : IJobEvent;

/// <summary>The job was deleted; its journal may be purged.</summary>
/// <param name="JobId">The job.</param>
public sealed record JobDeleted(string JobId) : IJobEvent;

/// <summary>A run began.</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run.</param>
/// <param name="At">When it started.</param>
/// <param name="DryRun">True when it only plans.</param>
/// <param name="Force">True when the max-delete guard is overridden (omitted when false, so v1 rows read and write unchanged).</param>
/// <param name="MaxDeletePercent">The guard's limit when not the default (omitted when null).</param>
/// <param name="FirstSync">True when the job had no base: nothing can be told deleted, missing files are copied (omitted when false).</param>
/// <param name="Watched">Started by the job's watchers, not by a user or a schedule (omitted when false).</param>
public sealed record RunStarted(
    string JobId,
    string RunId,
    DateTimeOffset At,
    bool DryRun,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Force = false,
    int? MaxDeletePercent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool FirstSync = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Watched = false) : IJobEvent;

/// <summary>A batch of actions succeeded: their effect on the base (the synced state per path).</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run.</param>
/// <param name="Changes">Per path, the state now synced, or null when the path left the base.</param>
/// <param name="Bytes">Bytes transferred by the batch.</param>
/// <param name="Counts">Files the batch copied and deleted, for the run's summary (omitted when none).</param>
public sealed record ItemsSynced(string JobId, string RunId, IReadOnlyList<BaseChange> Changes, long Bytes, FileCounts? Counts = null) : IJobEvent;

/// <summary>Files copied and deleted, per direction.</summary>
/// <param name="Uploaded">Files copied to the remote.</param>
/// <param name="Downloaded">Files copied to the local side.</param>
/// <param name="DeletedLocal">Local files deleted.</param>
/// <param name="DeletedRemote">Remote files deleted.</param>
/// <param name="Moved">Files moved by a rename on one side where the other side had moved them (omitted when 0, so v1 rows read and write unchanged).</param>
public sealed record FileCounts(
    int Uploaded,
    int Downloaded,
    int DeletedLocal,
    int DeletedRemote,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Moved = 0)
{
    /// <summary>No files.</summary>
    public static FileCounts Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The sum of two counts.</summary>
    public static FileCounts operator +(FileCounts a, FileCounts b) =>
        new(a.Uploaded + b.Uploaded, a.Downloaded + b.Downloaded, a.DeletedLocal + b.DeletedLocal, a.DeletedRemote + b.DeletedRemote, a.Moved + b.Moved);

    /// <summary>The sum of two counts.</summary>
    public static FileCounts Add(FileCounts a, FileCounts b) => a + b;
}

/// <summary>A batch of actions failed for good (after their retries).</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run.</param>
/// <param name="Errors">One entry per failed item, while the run lists fewer than <see cref="RunSummary.MaxListedErrors"/>.</param>
/// <param name="Unlisted">Failed items beyond the listed ones, counted only (omitted when 0, so v1 rows read and write unchanged).</param>
public sealed record ItemsFailed(
    string JobId,
    string RunId,
    IReadOnlyList<RunError> Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Unlisted = 0) : IJobEvent;

/// <summary>A run was paused, resumed or stopped by a user.</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run.</param>
/// <param name="Control">What was asked.</param>
/// <param name="At">When.</param>
public sealed record RunControlled(string JobId, string RunId, RunControl Control, DateTimeOffset At) : IJobEvent;

/// <summary>A run ended (completed, failed, aborted or stopped) with its summary.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Summary">What the run did.</param>
public sealed record RunFinished(string JobId, RunSummary Summary) : IJobEvent;
