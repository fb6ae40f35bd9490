using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>How changes become actions.</summary>
public sealed record PlanOptions
{
    /// <summary>Which sides may be written.</summary>
    public SyncMode Mode { get; init; } = JobDefaults.Mode;

    /// <summary>How conflicts are resolved.</summary>
    public ConflictPolicy ConflictPolicy { get; init; } = JobDefaults.Conflict;

    /// <summary>Largest share of the tracked files, in percent, one side may lose in a run without <see cref="Force"/>.</summary>
    public int MaxDeletePercent { get; init; } = JobDefaults.MaxDeletePercent;

    /// <summary>
    /// A side deleting at most this many files is not held to <see cref="MaxDeletePercent"/>: in a
    /// small tree ordinary edits cross any percentage. Deleting every tracked file of a side still
    /// trips the guard, as an unmounted or emptied directory would.
    /// </summary>
    public int DeleteGuardMinimum { get; init; } = 10;

    /// <summary>Run even when the max-delete guard trips.</summary>
    public bool Force { get; init; }

    /// <summary>Number of files in the base (<see cref="TreeSnapshot.FileCount"/>); 0 on a first run.</summary>
    public int TrackedCount { get; init; }

    /// <summary>
    /// Largest write-time difference still taken as the same file when a file gone from one path is matched
    /// with one that appeared at another (a rename or a move): detection's tolerance.
    /// </summary>
    public TimeSpan MtimeTolerance { get; init; }

    /// <summary>
    /// Moves checksum mode found by reading the files (<see cref="Scanning.MovedContentMatcher"/>): a file
    /// gone and one appeared on the same side, of the same size but not the same time, that hold the same bytes.
    /// </summary>
    public IReadOnlyList<Scanning.ContentMove> ContentMoves { get; init; } = [];

    /// <summary>The time written into conflict copy names, in the offset the user reads (usually local time).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// Whether a path exists on either side, so conflict copy names never land on an existing entry;
    /// when null, names are only kept apart from the changed paths.
    /// </summary>
    public Func<string, bool>? PathExists { get; init; }
}
