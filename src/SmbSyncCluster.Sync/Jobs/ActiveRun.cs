using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>The run in progress, as far as the journal knows it: enough to resume after a crash and to summarise.</summary>
public sealed class ActiveRun(string runId, DateTimeOffset startedAt, bool dryRun, bool force = false, int? maxDeletePercent = null, bool firstSync = false, bool watched = false)
{
    /// <summary>The run.</summary>
    public string RunId { get; } = runId;
    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;
    /// <summary>True when only planning.</summary>
    public bool DryRun { get; } = dryRun;
    /// <summary>True when the max-delete guard is overridden.</summary>
    public bool Force { get; } = force;
    /// <summary>The guard's limit, null for the default.</summary>
    public int? MaxDeletePercent { get; } = maxDeletePercent;
    /// <summary>True when the job had no base as the run started: missing files are copied, never taken as deleted.</summary>
    public bool FirstSync { get; } = firstSync;
    /// <summary>True when the job's watchers started it.</summary>
    public bool Watched { get; } = watched;
    /// <summary>True once a user asked to stop: the run is ending what is in flight.</summary>
    public bool Stopping { get; internal set; }
    /// <summary>True while paused.</summary>
    public bool Paused { get; internal set; }
    /// <summary>Items recorded as synced so far.</summary>
    public int ItemsSynced { get; internal set; }
    /// <summary>Bytes recorded as transferred so far.</summary>
    public long Bytes { get; internal set; }
    /// <summary>Files recorded as copied and deleted so far.</summary>
    public FileCounts Counts { get; internal set; } = FileCounts.Zero;
    /// <summary>Items recorded as failed so far, the first <see cref="RunSummary.MaxListedErrors"/>.</summary>
    public List<RunError> Errors { get; } = [];
    /// <summary>Items recorded as failed beyond <see cref="Errors"/>, counted only.</summary>
    public int UnlistedErrors { get; internal set; }
    /// <summary>Every item recorded as failed so far.</summary>
    public int FailedCount => Errors.Count + UnlistedErrors;

    /// <summary>
    /// The event for a batch of failures: the errors while the run lists fewer than
    /// <see cref="RunSummary.MaxListedErrors"/>, a count for the rest.
    /// </summary>
    public ItemsFailed Failed(string jobId, IReadOnlyList<RunError> errors)
    {
        var room = Math.Clamp(RunSummary.MaxListedErrors - Errors.Count, 0, errors.Count);
        return new ItemsFailed(jobId, RunId, [.. errors.Take(room)], errors.Count - room);
    }

    /// <summary>Applies a batch of failures; events written before the cap existed may list more than it allows.</summary>
    internal void Record(ItemsFailed failed)
    {
        var room = Math.Clamp(RunSummary.MaxListedErrors - Errors.Count, 0, failed.Errors.Count);
        Errors.AddRange(failed.Errors.Take(room));
        UnlistedErrors += failed.Unlisted + failed.Errors.Count - room;
    }
}
